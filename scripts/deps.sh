#!/bin/sh
# Install what building and testing dtrace needs, only if it is missing.
# Debian 12 / Ubuntu package names.  Run as root (CI does).
set -e
need=""
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
for p in gcc make pkg-config libbpf-dev libelf-dev zlib1g-dev bpftool binutils systemtap-sdt-dev g++; do
	have_pkg "$p" || need="$need $p"
done
# Optional extras: bpftrace for side-by-side benchmarks, clang for the fuzzer.
[ -n "$DT_DEPS_EXTRA" ] && for p in $DT_DEPS_EXTRA; do have_pkg "$p" || need="$need $p"; done
[ -z "$need" ] && exit 0
if [ "$(id -u)" != 0 ]; then
	echo "dtrace: missing packages:$need (run 'sudo make deps')" >&2
	exit 1
fi
echo "installing:$need"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq $need >/dev/null
