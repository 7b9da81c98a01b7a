#!/usr/bin/env sh
# Usage: no_network.sh CXX WORK_DIR FILE...
# securebase has no network code. This test proves it on the built files: the command-line
# binary, the shared library and the static library must neither import nor define any symbol
# on the deny-list below, and must not link a library that exists to talk to a network.
#
# The check tests itself first: a tiny program built with CXX that calls connect() and
# getaddrinfo() must be caught, and one that only allocates must pass. Each file must also show
# operator new (_Znwm; every C++ file here allocates), so an empty or unreadable symbol table (a
# stripped file, a broken nm) fails instead of passing silently.
set -u
cxx=$1
work=$2
shift 2
fail() {
  echo "FAIL: $*" >&2
  exit 1
}
[ "$#" -ge 1 ] || fail "no files to check"
command -v nm > /dev/null 2>&1 || fail "nm not found (binutils)"
command -v readelf > /dev/null 2>&1 || fail "readelf not found (binutils)"

# The deny-list. A symbol is denied when its name, without a version suffix (@GLIBC_2.2.5),
# is one of these exactly.
#   sockets:         socket socketpair connect bind listen accept accept4 shutdown
#                    setsockopt getsockopt getpeername getsockname
#   sending data:    send sendto sendmsg sendmmsg sendfile recv recvfrom recvmsg recvmmsg
#   names and addr.: getaddrinfo getnameinfo freeaddrinfo gai_strerror gethostbyname
#                    gethostbyname2 gethostbyname_r gethostbyname2_r gethostbyaddr
#                    gethostbyaddr_r gethostent getservbyname getservbyport getifaddrs
#                    inet_addr inet_aton inet_ntoa inet_pton inet_ntop if_nametoindex
#                    res_query res_search res_init __res_query __res_search __res_init
#   running other programs (which could send data for us):
#                    system popen execl execlp execle execv execvp execvpe execve fexecve
#                    posix_spawn posix_spawnp fork vfork
#   loading code this check cannot see:
#                    dlopen dlmopen
denied_exact="socket socketpair connect bind listen accept accept4 shutdown setsockopt getsockopt
getpeername getsockname send sendto sendmsg sendmmsg sendfile recv recvfrom recvmsg recvmmsg
getaddrinfo getnameinfo freeaddrinfo gai_strerror gethostbyname gethostbyname2 gethostbyname_r
gethostbyname2_r gethostbyaddr gethostbyaddr_r gethostent getservbyname getservbyport
getifaddrs inet_addr inet_aton inet_ntoa inet_pton inet_ntop if_nametoindex res_query
res_search res_init __res_query __res_search __res_init system popen execl execlp execle execv
execvp execvpe execve fexecve posix_spawn posix_spawnp fork vfork dlopen dlmopen"
# A symbol is also denied when its name starts with one of these prefixes (libraries for
# HTTP, TLS, DNS, messaging and event loops).
#   curl_ (libcurl), SSL_ TLS_ BIO_ OPENSSL_ (OpenSSL), gnutls_ (GnuTLS), mbedtls_ (Mbed TLS),
#   nghttp2_ (HTTP/2), ares_ (c-ares DNS), zmq_ (ZeroMQ), uv_ (libuv), event_ (libevent),
#   soup_ (libsoup), g_socket_ g_resolver_ (GIO)
denied_prefixes="curl_ SSL_ TLS_ BIO_ OPENSSL_ gnutls_ mbedtls_ nghttp2_ ares_ zmq_ uv_ event_
soup_ g_socket_ g_resolver_"
# Shared libraries that must not be linked, directly or through another library, by name
# prefix.
denied_libs="libcurl libssl libcrypto libgnutls libmbedtls libnghttp2 libcares libzmq libuv
libevent libsoup libresolv libnsl"

# One awk program that reads symbol names (one a line) and prints the denied ones.
deny_awk='
BEGIN {
  n = split(exact, e, " "); for (i = 1; i <= n; i++) deny[e[i]] = 1
  np = split(prefixes, p, " ")
}
{
  name = $0; sub(/@.*/, "", name)
  if (name in deny) { print name; next }
  for (i = 1; i <= np; i++) if (index(name, p[i]) == 1) { print name; next }
}'

# The names a file imports and defines: from the dynamic table for ELF executables and shared
# objects, from every member's table for archives and objects.
symbols_of() {  # FILE
  case "$1" in
    *.a | *.o) nm -g --format=posix "$1" 2> /dev/null | awk 'NF >= 2 && $2 != ":" { print $1 }' ;;
    *) nm -D --format=posix "$1" 2> /dev/null | awk 'NF >= 2 { print $1 }' ;;
  esac
}

# Prints what is wrong with FILE, if anything; returns 1 when something is.
check_file() {  # FILE
  f=$1
  [ -f "$f" ] || { echo "$f: missing"; return 1; }
  syms=$(symbols_of "$f")
  [ -n "$syms" ] || { echo "$f: nm found no symbols (stripped, or not an ELF file?)"; return 1; }
  bad=$(printf '%s\n' "$syms" | awk -v exact="$(echo $denied_exact)" \
    -v prefixes="$(echo $denied_prefixes)" "$deny_awk" | sort -u | tr '\n' ' ')
  status=0
  if [ -n "$bad" ]; then
    echo "$f: uses or defines denied symbols: $bad"
    status=1
  fi
  case "$f" in
    *.a | *.o) ;;
    *)
      # What it links directly (readelf) and through other libraries (ldd, when present).
      needed=$(readelf -d "$f" 2> /dev/null | sed -n 's/.*(NEEDED).*\[\(.*\)\].*/\1/p')
      if command -v ldd > /dev/null 2>&1; then
        needed="$needed $(ldd "$f" 2> /dev/null | awk '{ print $1 }')"
      fi
      # shellcheck disable=SC2086 # one name a word
      needed=$(printf '%s\n' $needed | sort -u)
      for lib in $denied_libs; do
        for n in $needed; do
          case "$n" in "$lib"*)
            echo "$f: links $n"
            status=1
            ;;
          esac
        done
      done
      ;;
  esac
  # The positive control: every C++ file here calls operator new; without it the check is blind.
  printf '%s\n' "$syms" | sed 's/@.*//' | grep -qx '_Znw[mj]' ||
    { echo "$f: operator new (_Znwm) not among its symbols, so the check cannot see its imports"; return 1; }
  return $status
}

# --- Self-test: the check catches a program that connects, and passes one that does not.
rm -rf "$work"
mkdir -p "$work" || fail "cannot create $work"
cat > "$work/dials.cpp" << 'EOF'
#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>
int main(int argc, char** argv) {
  int* count = new int(argc);
  if (*count > 5) return 2;
  addrinfo* found = nullptr;
  if (getaddrinfo(argv[0], "80", nullptr, &found) != 0) return 1;
  const int fd = socket(found->ai_family, SOCK_STREAM, 0);
  return connect(fd, found->ai_addr, found->ai_addrlen) == 0 ? 0 : close(fd);
}
EOF
cat > "$work/quiet.cpp" << 'EOF'
int main(int argc, char**) {
  int* count = new int(argc);
  const int code = *count > 5 ? 1 : 0;
  delete count;
  return code;
}
EOF
for prog in dials quiet; do
  "$cxx" -c "$work/$prog.cpp" -o "$work/$prog.o" || fail "self-test: $cxx cannot compile $prog.cpp"
  "$cxx" "$work/$prog.o" -o "$work/$prog" || fail "self-test: $cxx cannot link $prog"
  ar rcs "$work/lib$prog.a" "$work/$prog.o" || fail "self-test: ar failed"
done
for f in "$work/dials" "$work/dials.o" "$work/libdials.a"; do
  if report=$(check_file "$f"); then
    fail "self-test: the check passed $f, which calls connect and getaddrinfo"
  fi
  case "$report" in
    *connect*getaddrinfo* | *getaddrinfo*connect*) ;;
    *) fail "self-test: the check did not name connect and getaddrinfo in $f: $report" ;;
  esac
done
for f in "$work/quiet" "$work/quiet.o" "$work/libquiet.a"; do
  report=$(check_file "$f") || fail "self-test: the check rejected $f, which uses no network: $report"
done
: > "$work/empty.o"
check_file "$work/empty.o" > /dev/null && fail "self-test: the check passed an empty file"

# --- The real files.
status=0
for f in "$@"; do
  if report=$(check_file "$f"); then
    echo "ok: $f"
  else
    echo "FAIL: $report" >&2
    status=1
  fi
done
[ "$status" -eq 0 ] || exit 1
echo "no network symbols in $# files; the check caught its own connecting example"
