/*
 * lex.c - the D lexer.
 *
 * Takes a Source (any bytes, NUL bytes included: src->len is authoritative)
 * and gives Tokens, one per call, allocated in the caller's Arena.  The
 * parser drives it and chooses between lex_next() (C-like tokens) and
 * lex_probespec() (probe specifiers at the start of a top-level item).
 *
 * What it handles itself: blanks, comments (a nested slash-star is an
 * error, as in DTrace), backslash-newline, #! interpreter lines, and line
 * markers (# 12 "file" and #line 12 "file", as cpp writes them), which
 * change the file and line that later positions carry.  Every other control
 * line (#pragma, #error, #ident, #include...) becomes one TK_CONTROL token
 * whose words the parser interprets.
 *
 * What it must never do: read past src->len, loop without consuming input,
 * or keep going after an error.  On an error it reports through the Diag,
 * returns a TK_ERROR token and moves to the end of the input, so every later
 * call returns TK_EOF.
 */
#include "lex.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "ast.h"

#define MAX_CHAR_BYTES 8 /* a character constant fills at most a uint64_t */

void lex_init(Lexer *lx, Arena *a, Diag *d, const Source *src)
{
	memset(lx, 0, sizeof(*lx));
	lx->arena = a;
	lx->diag = d;
	lx->src = src;
	lx->file = src;
	lx->line = 1;
	lx->bol = true;
}

/* ---- character level ---- */

/* The byte k ahead of the cursor, or -1 past the end. */
static int peekc(const Lexer *lx, int k)
{
	long o = (long)lx->off + k;
	if (o >= lx->src->len)
		return -1;
	return (unsigned char)lx->src->text[o];
}

static void bump(Lexer *lx)
{
	if (lx->off >= lx->src->len)
		return;
	if (lx->src->text[lx->off++] == '\n') {
		lx->line++;
		lx->line_start = lx->off;
		lx->bol = true;
	}
}

static Pos here(const Lexer *lx)
{
	return (Pos){lx->file, lx->off, lx->line, lx->off - lx->line_start + 1};
}

/* The position of byte off, which is on the same line as pos. */
static Pos pos_at(Pos pos, int off)
{
	pos.col += off - pos.off;
	pos.off = off;
	return pos;
}

static bool is_blank(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static bool is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static bool is_alnum(int c)
{
	return is_alpha(c) || is_digit(c);
}

static int hex_value(int c)
{
	if (is_digit(c))
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* ---- tokens and errors ---- */

static Token *new_token(Lexer *lx, TokenKind kind, Pos pos)
{
	Token *t = arena_alloc(lx->arena, sizeof(*t));
	t->kind = kind;
	t->pos = pos;
	t->text = lx->src->text + pos.off;
	t->len = lx->off - pos.off;
	return t;
}

/* Report an error, give up on the rest of the input, return TK_ERROR. */
static Token *lex_error(Lexer *lx, Pos pos, const char *tag, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static Token *lex_error(Lexer *lx, Pos pos, const char *tag, const char *fmt, ...)
{
	StrBuf b = {0};
	va_list ap;
	va_start(ap, fmt);
	sb_vprintf(&b, fmt, ap);
	va_end(ap);
	diag_error(lx->diag, pos, tag, "%s", b.s ? b.s : "");
	sb_free(&b);
	Token *t = arena_alloc(lx->arena, sizeof(*t));
	t->kind = TK_ERROR;
	t->pos = pos;
	t->text = lx->src->text + pos.off;
	lx->off = lx->src->len;
	return t;
}

/* A short printable rendering of one byte for messages. */
static const char *show_byte(Lexer *lx, int c)
{
	if (c > ' ' && c < 0x7f)
		return arena_printf(lx->arena, "%c", c);
	return arena_printf(lx->arena, "\\x%02x", c);
}

/* ---- blanks and comments ---- */

/* Skip a slash-star comment; NULL, or an error token. */
static Token *block_comment(Lexer *lx)
{
	Pos start = here(lx);
	bump(lx);
	bump(lx);
	for (;;) {
		int c = peekc(lx, 0);
		if (c < 0)
			return lex_error(lx, start, "D_COMMENT_EOF",
					 "end-of-file encountered before matching */");
		if (c == '*' && peekc(lx, 1) == '/')
			break;
		if (c == '/' && peekc(lx, 1) == '*')
			return lex_error(lx, here(lx), "D_COMMENT_NEST",
					 "/* encountered inside a comment");
		bump(lx);
	}
	bump(lx);
	bump(lx);
	lx->bol = false;
	return NULL;
}

static void line_comment(Lexer *lx)
{
	while (peekc(lx, 0) >= 0 && peekc(lx, 0) != '\n')
		bump(lx);
}

/* Skip blanks, newlines, comments and backslash-newlines. */
static Token *skip_blanks(Lexer *lx)
{
	for (;;) {
		int c = peekc(lx, 0), c1 = peekc(lx, 1);
		if (is_blank(c) || c == '\n') {
			bump(lx);
		} else if (c == '\\' && (c1 == '\n' || (c1 == '\r' && peekc(lx, 2) == '\n'))) {
			bump(lx);
			while (peekc(lx, 0) != '\n')
				bump(lx);
			bump(lx);
		} else if (c == '/' && c1 == '*') {
			Token *err = block_comment(lx);
			if (err)
				return err;
		} else if (c == '/' && c1 == '/') {
			line_comment(lx);
		} else {
			return NULL;
		}
	}
}

/* ---- escapes, strings and character constants ---- */

/*
 * Decode the escape sequence at text[*i] (just past the backslash) into
 * *out.  Returns false after reporting a malformed one.  Unknown escapes
 * keep the backslash, as DTrace's stresc2chr does, with a warning.
 */
static bool decode_escape(Lexer *lx, Pos pos, int *i, int end, char *out, int *n)
{
	const char *s = lx->src->text;
	int at = *i, c = (unsigned char)s[at], v = 0, k;
	static const char simple[] = "a\ab\bf\fn\nr\rt\tv\v\\\\''\"\"??";
	const char *m = c ? strchr(simple, c) : NULL;
	if (m && (m - simple) % 2 == 0) {
		out[(*n)++] = m[1];
		*i = at + 1;
		return true;
	}
	if (c >= '0' && c <= '7') {
		for (k = at; k < end && k < at + 3 && s[k] >= '0' && s[k] <= '7'; k++)
			v = v * 8 + (s[k] - '0');
		if (v > 0xff) {
			lex_error(lx, pos_at(pos, at - 1), "D_STR_ESC",
				  "octal escape sequence out of range");
			return false;
		}
	} else if (c == 'x') {
		for (k = at + 1; k < end && hex_value((unsigned char)s[k]) >= 0; k++) {
			v = v * 16 + hex_value((unsigned char)s[k]);
			if (v > 0xff) {
				lex_error(lx, pos_at(pos, at - 1), "D_STR_ESC",
					  "hex escape sequence out of range");
				return false;
			}
		}
		if (k == at + 1) {
			lex_error(lx, pos_at(pos, at - 1), "D_STR_ESC",
				  "\\x used with no following hex digits");
			return false;
		}
	} else {
		diag_warn(lx->diag, pos_at(pos, at - 1), "D_STR_ESC",
			  "unknown escape sequence \\%s", show_byte(lx, c));
		out[(*n)++] = '\\';
		out[(*n)++] = (char)c;
		*i = at + 1;
		return true;
	}
	out[(*n)++] = (char)v;
	*i = k;
	return true;
}

/* Decode text[start, end) (the inside of the quotes); NULL on error. */
static char *decode(Lexer *lx, Pos pos, int start, int end, int *lenp)
{
	char *buf = arena_alloc(lx->arena, (size_t)(end - start) + 1);
	const char *s = lx->src->text;
	int n = 0;
	for (int i = start; i < end;) {
		if (s[i] != '\\') {
			buf[n++] = s[i++];
			continue;
		}
		i++;
		if (!decode_escape(lx, pos, &i, end, buf, &n))
			return NULL;
	}
	buf[n] = '\0';
	*lenp = n;
	return buf;
}

/*
 * Find the closing quote of the literal starting at the cursor and step
 * past it.  Returns the offset of the closing quote, or -1 after reporting
 * a newline or the end of input first.
 */
static int scan_quoted(Lexer *lx, Pos pos, int quote)
{
	bool str = quote == '"';
	bump(lx);
	for (;;) {
		int c = peekc(lx, 0);
		bool esc = c == '\\';
		if (esc)
			c = peekc(lx, 1);
		if (c == '\n') {
			lex_error(lx, pos, str ? "D_STR_NL" : "D_CHR_NL",
				  "newline encountered in %s", str ? "string literal"
								   : "character constant");
			return -1;
		}
		if (c < 0) {
			lex_error(lx, pos, str ? "D_STR_EOF" : "D_CHR_EOF",
				  "end-of-file encountered in %s",
				  str ? "string literal" : "character constant");
			return -1;
		}
		if (c == quote && !esc) {
			int end = lx->off;
			bump(lx);
			return end;
		}
		bump(lx);
		if (esc)
			bump(lx);
	}
}

/* string: '"' (char | escape)* '"' */
static Token *lex_string(Lexer *lx, Pos pos)
{
	int end = scan_quoted(lx, pos, '"');
	if (end < 0)
		return new_token(lx, TK_ERROR, pos);
	int len;
	char *s = decode(lx, pos, pos.off + 1, end, &len);
	if (!s)
		return new_token(lx, TK_ERROR, pos);
	Token *t = new_token(lx, TK_STRING, pos);
	t->str = s;
	t->slen = len;
	return t;
}

/*
 * char: '\'' (char | escape)+ '\''.  A multi-character constant is
 * accepted, as in DTrace and C: up to 8 bytes, the first one the most
 * significant ('ab' == 0x6162).  Bytes are unsigned ('\377' == 255).
 */
static Token *lex_char(Lexer *lx, Pos pos)
{
	int end = scan_quoted(lx, pos, '\'');
	if (end < 0)
		return new_token(lx, TK_ERROR, pos);
	int len;
	char *s = decode(lx, pos, pos.off + 1, end, &len);
	if (!s)
		return new_token(lx, TK_ERROR, pos);
	if (len == 0)
		return lex_error(lx, pos, "D_CHR_NULL", "empty character constant");
	if (len > MAX_CHAR_BYTES)
		return lex_error(lx, pos, "D_CHR_OFLOW", "character constant is too long");
	Token *t = new_token(lx, TK_INT, pos);
	for (int i = 0; i < len; i++)
		t->ival = (t->ival << 8) | (unsigned char)s[i];
	t->is_char = true;
	return t;
}

/* ---- numbers ---- */

/* Parse an integer suffix (u, l, ll in any case and order); -1 if invalid. */
static int int_suffix(const char *s, int n, int *bad)
{
	int flags = 0;
	for (int i = 0; i < n;) {
		if ((s[i] == 'u' || s[i] == 'U') && !(flags & IS_U)) {
			flags |= IS_U;
			i++;
		} else if ((s[i] == 'l' || s[i] == 'L') && !(flags & (IS_L | IS_LL))) {
			bool two = i + 1 < n && (s[i + 1] == 'l' || s[i + 1] == 'L');
			flags |= two ? IS_LL : IS_L;
			i += two ? 2 : 1;
		} else {
			*bad = i;
			return -1;
		}
	}
	return flags;
}

/* The digits of s[0..n) in base; stops at the first non-digit (*used). */
static bool int_digits(const char *s, int n, int base, uint64_t *v, int *used)
{
	bool ok = true;
	int i;
	*v = 0;
	for (i = 0; i < n; i++) {
		int d = hex_value((unsigned char)s[i]);
		if (d < 0 || (base != 16 && d > 9))
			break;
		if (d >= base) /* 8 or 9 in an octal constant */
			break;
		if (*v > (UINT64_MAX - (uint64_t)d) / (uint64_t)base)
			ok = false;
		*v = *v * (uint64_t)base + (uint64_t)d;
	}
	*used = i;
	return ok;
}

/* integer: (decimal | 0 octal | 0x hex) [u|l|ul|ll|ull in any case and order] */
static Token *lex_number(Lexer *lx, Pos pos)
{
	while (is_alnum(peekc(lx, 0)) || peekc(lx, 0) == '.')
		bump(lx);
	const char *s = lx->src->text + pos.off;
	int n = lx->off - pos.off, base = 10, pre = 0, used, bad = 0;
	if (n >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		base = 16, pre = 2;
	else if (s[0] == '0')
		base = 8;
	uint64_t v;
	bool ok = int_digits(s + pre, n - pre, base, &v, &used);
	const char *rest = s + pre + used;
	int nrest = n - pre - used;
	if (base != 16 && nrest > 0 && (memchr(rest, '.', nrest) || rest[0] == 'e' || rest[0] == 'E'))
		return lex_error(lx, pos, "D_FP_CONST", "floating-point constants are not permitted");
	if (base == 16 && used == 0)
		return lex_error(lx, pos, "D_INT_DIGIT", "constant %.*s contains no digits", n, s);
	int flags = int_suffix(rest, nrest, &bad);
	if (flags < 0)
		return lex_error(lx, pos_at(pos, pos.off + pre + used + bad), "D_INT_DIGIT",
				 "constant %.*s contains invalid digit %s", n, s,
				 show_byte(lx, (unsigned char)rest[bad]));
	if (!ok)
		return lex_error(lx, pos, "D_INT_OFLOW", "constant %.*s results in integer overflow",
				 n, s);
	Token *t = new_token(lx, TK_INT, pos);
	t->ival = v;
	t->isuffix = flags | (base == 10 ? IS_DEC : 0);
	return t;
}

/* ---- words: identifiers, keywords, kernel symbols, macros, aggregations ---- */

static const struct {
	const char *text;
	TokenKind kind;
} keywords[] = {
#define KW_ITEM(kind, text) {text, kind},
	LEX_KEYWORDS(KW_ITEM)
#undef KW_ITEM
};

/* The keyword spelled s[0..n), or TK_IDENT.  The table is sorted. */
static TokenKind keyword(const char *s, int n)
{
	int lo = 0, hi = (int)ARRAY_SIZE(keywords) - 1;
	while (lo <= hi) {
		int mid = (lo + hi) / 2, kl = (int)strlen(keywords[mid].text);
		int c = memcmp(s, keywords[mid].text, (size_t)(n < kl ? n : kl));
		if (c == 0)
			c = n - kl;
		if (c == 0)
			return keywords[mid].kind;
		if (c < 0)
			hi = mid - 1;
		else
			lo = mid + 1;
	}
	return TK_IDENT;
}

static int word_end(const Lexer *lx, int off)
{
	while (off < lx->src->len && is_alnum((unsigned char)lx->src->text[off]))
		off++;
	return off;
}

/* ksym: '`' ident, after an optional module name already scanned */
static Token *lex_ksym(Lexer *lx, Pos pos, const char *module)
{
	bump(lx); /* the backquote */
	if (!is_alpha(peekc(lx, 0)))
		return lex_error(lx, pos_at(pos, lx->off - 1), "D_INVALID_CHAR",
				 "invalid character \"`\": a symbol name must follow it");
	int start = lx->off;
	lx->off = word_end(lx, start);
	Token *t = new_token(lx, TK_KSYM, pos);
	t->module = module;
	t->name = arena_strndup(lx->arena, lx->src->text + start, (size_t)(lx->off - start));
	return t;
}

/* word: ident | keyword | module '`' ident */
static Token *lex_word(Lexer *lx, Pos pos)
{
	lx->off = word_end(lx, lx->off);
	const char *s = lx->src->text + pos.off;
	int n = lx->off - pos.off;
	if (peekc(lx, 0) == '`')
		return lex_ksym(lx, pos, arena_strndup(lx->arena, s, (size_t)n));
	TokenKind kind = keyword(s, n);
	Token *t = new_token(lx, kind, pos);
	if (kind == TK_IDENT)
		t->name = arena_strndup(lx->arena, s, (size_t)n);
	return t;
}

/* macro: '$' ['$'] (digits | ident) */
static Token *lex_macro(Lexer *lx, Pos pos)
{
	bool is_str = peekc(lx, 1) == '$';
	int start = pos.off + (is_str ? 2 : 1), end = start;
	if (start < lx->src->len && is_digit((unsigned char)lx->src->text[start]))
		while (end < lx->src->len && is_digit((unsigned char)lx->src->text[end]))
			end++;
	else if (start < lx->src->len && is_alpha((unsigned char)lx->src->text[start]))
		end = word_end(lx, start);
	if (end == start)
		return lex_error(lx, pos, "D_INVALID_CHAR",
				 "invalid character \"$\": a macro name or number must follow it");
	lx->off = end;
	Token *t = new_token(lx, TK_MACRO, pos);
	t->is_str = is_str;
	t->name = arena_strndup(lx->arena, lx->src->text + start, (size_t)(end - start));
	return t;
}

/* agg: '@' [ident] */
static Token *lex_agg(Lexer *lx, Pos pos)
{
	bump(lx);
	int start = lx->off;
	if (is_alpha(peekc(lx, 0)))
		lx->off = word_end(lx, start);
	Token *t = new_token(lx, TK_AGG, pos);
	t->name = arena_strndup(lx->arena, lx->src->text + start, (size_t)(lx->off - start));
	return t;
}

/* ---- punctuators ---- */

static const struct {
	const char *text;
	TokenKind kind;
} puncts[] = {
#define PUNCT_ITEM(kind, text) {text, kind},
	LEX_PUNCTS(PUNCT_ITEM)
#undef PUNCT_ITEM
};

static Token *lex_punct(Lexer *lx, Pos pos)
{
	const char *s = lx->src->text + lx->off;
	int left = lx->src->len - lx->off;
	for (size_t i = 0; i < ARRAY_SIZE(puncts); i++) {
		int n = (int)strlen(puncts[i].text);
		if (n <= left && memcmp(s, puncts[i].text, (size_t)n) == 0) {
			lx->off += n;
			return new_token(lx, puncts[i].kind, pos);
		}
	}
	return lex_error(lx, pos, "D_INVALID_CHAR", "invalid character \"%s\" in input",
			 show_byte(lx, (unsigned char)*s));
}

/* One token at the cursor (blanks already skipped). */
static Token *lex_token(Lexer *lx)
{
	Pos pos = here(lx);
	int c = peekc(lx, 0);
	lx->bol = false;
	if (c < 0)
		return new_token(lx, TK_EOF, pos);
	if (is_digit(c) || (c == '.' && is_digit(peekc(lx, 1))))
		return lex_number(lx, pos);
	if (is_alpha(c))
		return lex_word(lx, pos);
	switch (c) {
	case '`':
		return lex_ksym(lx, pos, NULL);
	case '"':
		return lex_string(lx, pos);
	case '\'':
		return lex_char(lx, pos);
	case '@':
		return lex_agg(lx, pos);
	case '$':
		return lex_macro(lx, pos);
	default:
		return lex_punct(lx, pos);
	}
}

/* ---- control lines ---- */

typedef struct Words {
	char **w;
	Pos *pos;
	bool *quoted;
	int n, cap;
} Words;

static void add_word(Lexer *lx, Words *ws, char *w, Pos pos, bool quoted)
{
	if (ws->n == ws->cap) {
		int cap = ws->cap ? ws->cap * 2 : 8;
		char **nw = arena_alloc(lx->arena, sizeof(char *) * (size_t)cap);
		Pos *np = arena_alloc(lx->arena, sizeof(Pos) * (size_t)cap);
		bool *nq = arena_alloc(lx->arena, sizeof(bool) * (size_t)cap);
		if (ws->n) {
			memcpy(nw, ws->w, sizeof(char *) * (size_t)ws->n);
			memcpy(np, ws->pos, sizeof(Pos) * (size_t)ws->n);
			memcpy(nq, ws->quoted, sizeof(bool) * (size_t)ws->n);
		}
		ws->w = nw, ws->pos = np, ws->quoted = nq, ws->cap = cap;
	}
	ws->w[ws->n] = w;
	ws->pos[ws->n] = pos;
	ws->quoted[ws->n++] = quoted;
}

/* One word of a control line: a quoted string (decoded) or a run of non-blanks. */
static bool control_word(Lexer *lx, Words *ws)
{
	Pos pos = here(lx);
	if (peekc(lx, 0) == '"') {
		int end = scan_quoted(lx, pos, '"'), len;
		char *s = end < 0 ? NULL : decode(lx, pos, pos.off + 1, end, &len);
		if (!s)
			return false;
		add_word(lx, ws, s, pos, true);
		return true;
	}
	for (;;) {
		int c = peekc(lx, 0), c1 = peekc(lx, 1);
		if (c < 0 || c == '\n' || c == '"' || is_blank(c))
			break;
		if (c == '/' && (c1 == '*' || c1 == '/'))
			break;
		bump(lx);
	}
	char *w = arena_strndup(lx->arena, lx->src->text + pos.off, (size_t)(lx->off - pos.off));
	add_word(lx, ws, w, pos, false);
	return true;
}

/* Split the rest of the control line into words; false on a lexical error. */
static bool control_words(Lexer *lx, Words *ws)
{
	for (;;) {
		int c = peekc(lx, 0), c1 = peekc(lx, 1);
		if (c < 0 || c == '\n')
			return true;
		if (is_blank(c)) {
			bump(lx);
		} else if (c == '/' && c1 == '*') {
			if (block_comment(lx))
				return false;
		} else if (c == '/' && c1 == '/') {
			line_comment(lx);
		} else if (!control_word(lx, ws)) {
			return false;
		}
	}
}

static bool all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!is_digit((unsigned char)*s))
			return false;
	return true;
}

/* Where the arguments of a line marker start in ws, or -1 if it is not one. */
static int line_marker_args(const Words *ws)
{
	int k = 0;
	if (ws->n > 0 && !ws->quoted[0] && all_digits(ws->w[0]))
		return 0;
	if (k < ws->n && strcmp(ws->w[k], "pragma") == 0)
		k++;
	if (k > 0 && k < ws->n && strcmp(ws->w[k], "D") == 0)
		k++;
	if (k < ws->n && !ws->quoted[k] && strcmp(ws->w[k], "line") == 0)
		return k + 1;
	return -1;
}

/*
 * Apply "# <line> ["file" [flags...]]": the line after this one is <line>
 * of "file".  Called after the newline has been consumed.
 */
static Token *line_marker(Lexer *lx, const Words *ws, int a, Pos pos)
{
	if (a >= ws->n || ws->quoted[a] || !all_digits(ws->w[a]) || strlen(ws->w[a]) > 9 ||
	    (a + 1 < ws->n && !ws->quoted[a + 1]))
		return lex_error(lx, a < ws->n ? ws->pos[a] : pos, "D_PRAGMA_MALFORM",
				 "malformed #line <line> [ [\"file\"] state ]");
	lx->line = (int)strtol(ws->w[a], NULL, 10);
	if (a + 1 < ws->n) {
		const char *name = ws->w[a + 1];
		if (strcmp(name, lx->src->name) == 0) {
			lx->file = lx->src;
		} else {
			Source *s = arena_alloc(lx->arena, sizeof(*s));
			*s = *lx->src;
			s->name = name;
			lx->file = s;
		}
	}
	return NULL;
}

/*
 * A control line, the cursor on its '#': TK_CONTROL, or NULL when it was
 * consumed here (#!, a null directive, a line marker), or TK_ERROR.
 */
static Token *control_line(Lexer *lx)
{
	Pos pos = here(lx);
	Words ws = {0};
	bump(lx);
	if (peekc(lx, 0) == '!') {
		line_comment(lx);
		bump(lx);
		return NULL;
	}
	if (!control_words(lx, &ws))
		return new_token(lx, TK_ERROR, pos);
	Token *t = new_token(lx, TK_CONTROL, pos);
	bump(lx); /* the newline */
	int a = line_marker_args(&ws);
	if (a >= 0)
		return line_marker(lx, &ws, a, pos);
	if (ws.n == 0)
		return NULL;
	t->words = ws.w;
	t->wpos = ws.pos;
	t->nwords = ws.n;
	return t;
}

/* Skip blanks and consumed control lines; a token if something else happened. */
static Token *skip_to_token(Lexer *lx)
{
	for (;;) {
		Token *t = skip_blanks(lx);
		if (t)
			return t;
		if (!lx->bol || peekc(lx, 0) != '#')
			return NULL;
		t = control_line(lx);
		if (t)
			return t;
	}
}

Token *lex_next(Lexer *lx)
{
	Token *t = skip_to_token(lx);
	return t ? t : lex_token(lx);
}

/* ---- probe specifiers ---- */

static bool is_pspec_start(int c)
{
	return c > 0 && (is_alpha(c) || strchr("-$:.?*\\[]!", c));
}

static bool is_pspec_char(int c)
{
	return is_pspec_start(c) || is_digit(c) || c == '`';
}

/* The keywords that start a top-level declaration rather than a probe. */
static bool is_decl_keyword(TokenKind k)
{
	switch (k) {
	case TK_KW_AUTO: case TK_KW_CHAR: case TK_KW_CONST: case TK_KW_COUNTER:
	case TK_KW_DOUBLE: case TK_KW_ENUM: case TK_KW_EXTERN: case TK_KW_FLOAT:
	case TK_KW_IMPORT: case TK_KW_INLINE: case TK_KW_INT: case TK_KW_LONG:
	case TK_KW_PROVIDER: case TK_KW_REGISTER: case TK_KW_RESTRICT: case TK_KW_SELF:
	case TK_KW_SHORT: case TK_KW_SIGNED: case TK_KW_STATIC: case TK_KW_STRING:
	case TK_KW_STRUCT: case TK_KW_THIS: case TK_KW_TRANSLATOR: case TK_KW_TYPEDEF:
	case TK_KW_UNION: case TK_KW_UNSIGNED: case TK_KW_USERLAND: case TK_KW_VOID:
	case TK_KW_VOLATILE:
		return true;
	default:
		return false;
	}
}

/*
 * Does the probe-specifier-looking run s[0..n) start a declaration?  As in
 * DTrace: only if it has no ':' and, up to an optional '*' ("int*x;"), it is
 * a declaration keyword or a typedef name.  A ':' in a description removes
 * any doubt, which is why descriptions should always name their provider.
 */
static bool starts_declaration(const Lexer *lx, const char *s, int n)
{
	if (memchr(s, ':', (size_t)n) || !is_alpha((unsigned char)s[0]))
		return false;
	int w = word_end(lx, (int)(s - lx->src->text)) - (int)(s - lx->src->text);
	if (w != n && s[w] != '*')
		return false;
	if (is_decl_keyword(keyword(s, w)))
		return true;
	return lx->is_typename && lx->is_typename(lx->ctx, s, w);
}

Token *lex_probespec(Lexer *lx)
{
	Token *t = skip_to_token(lx);
	if (t)
		return t;
	if (!is_pspec_start(peekc(lx, 0)))
		return lex_token(lx);
	int n = 0;
	while (is_pspec_char(peekc(lx, n)))
		n++;
	if (starts_declaration(lx, lx->src->text + lx->off, n))
		return lex_token(lx);
	Pos pos = here(lx);
	lx->off += n;
	lx->bol = false;
	return new_token(lx, TK_PSPEC, pos);
}

bool lex_pred_end(const Lexer *lx)
{
	for (int o = lx->off; o < lx->src->len; o++) {
		int c = (unsigned char)lx->src->text[o];
		if (is_blank(c) || c == '\n')
			continue;
		return c == ';' || c == '{' || c == '/';
	}
	return true;
}

/* ---- names for dumps and messages ---- */

static const char *const kind_names[TK_NKINDS] = {
	[TK_EOF] = "TK_EOF", [TK_ERROR] = "TK_ERROR", [TK_IDENT] = "TK_IDENT",
	[TK_INT] = "TK_INT", [TK_STRING] = "TK_STRING", [TK_PSPEC] = "TK_PSPEC",
	[TK_AGG] = "TK_AGG", [TK_MACRO] = "TK_MACRO", [TK_KSYM] = "TK_KSYM",
	[TK_CONTROL] = "TK_CONTROL",
#define NAME_ITEM(kind, text) [kind] = #kind,
	LEX_PUNCTS(NAME_ITEM) LEX_KEYWORDS(NAME_ITEM)
#undef NAME_ITEM
};

static const char *const kind_texts[TK_NKINDS] = {
#define TEXT_ITEM(kind, text) [kind] = text,
	LEX_PUNCTS(TEXT_ITEM) LEX_KEYWORDS(TEXT_ITEM)
#undef TEXT_ITEM
};

const char *lex_kind_name(TokenKind kind)
{
	if ((int)kind < 0 || kind >= TK_NKINDS || !kind_names[kind])
		return "?";
	return kind_names[kind] + 3;
}

const char *lex_kind_text(TokenKind kind)
{
	if ((int)kind < 0 || kind >= TK_NKINDS)
		return NULL;
	return kind_texts[kind];
}
