#error this script is not finished
