dnl amqp_confirm is written in Rust: phpize && ./configure && make && make install build it with cargo
dnl (release profile, against the PHP of this phpize) and install amqp_confirm.so into the extension dir.

PHP_ARG_ENABLE([amqp_confirm],
  [whether to enable amqp_confirm],
  [AS_HELP_STRING([--enable-amqp_confirm], [Build amqp_confirm (needs cargo and libclang)])],
  [yes])

if test "$PHP_AMQP_CONFIRM" != "no"; then
  AC_PATH_PROG([CARGO], [cargo], [no], [$PATH:$HOME/.cargo/bin:/usr/local/cargo/bin])
  if test "$CARGO" = "no"; then
    AC_MSG_ERROR([cargo was not found: amqp_confirm is written in Rust. Install a Rust toolchain (rustup, 1.88 or newer) and make sure cargo is on PATH.])
  fi

  AC_MSG_CHECKING([for libclang (needed by bindgen to read PHP's headers)])
  LIBCLANG_FOUND=""
  for dir in "$LIBCLANG_PATH" /usr/lib/llvm-*/lib /usr/lib/x86_64-linux-gnu /usr/lib/aarch64-linux-gnu /usr/lib64 /usr/lib /usr/local/lib; do
    if test -n "$dir" && ls "$dir"/libclang*.so* >/dev/null 2>&1; then
      LIBCLANG_FOUND="$dir"
      break
    fi
  done
  if test -z "$LIBCLANG_FOUND"; then
    AC_MSG_RESULT([no])
    AC_MSG_ERROR([libclang was not found: install it (Debian/Ubuntu: apt-get install libclang-dev) or set LIBCLANG_PATH to the directory holding libclang.so.])
  fi
  AC_MSG_RESULT([$LIBCLANG_FOUND])

  dnl The module is not compiled from C sources: Makefile.frag builds it with cargo into modules/.
  dnl (PHP_NEW_EXTENSION is not called, so the fragment and the build dir are named explicitly.)
  PHP_MODULES="\$(phplibdir)/amqp_confirm.so"
  dnl ext-php-rs takes PHP_CONFIG as a path, not a name to look up: resolve it (--with-php-config, or php-config on PATH).
  case "$PHP_CONFIG" in
    /*) AMQP_CONFIRM_PHP_CONFIG="$PHP_CONFIG" ;;
    *) AMQP_CONFIRM_PHP_CONFIG=`command -v "$PHP_CONFIG" 2>/dev/null` ;;
  esac
  if test -z "$AMQP_CONFIRM_PHP_CONFIG"; then
    AC_MSG_ERROR([php-config was not found: pass --with-php-config=/path/to/php-config])
  fi
  PHP_SUBST(CARGO)
  PHP_SUBST(AMQP_CONFIRM_PHP_CONFIG)
  PHP_ADD_BUILD_DIR([modules])
  PHP_ADD_MAKEFILE_FRAGMENT([$abs_srcdir/Makefile.frag], [$abs_srcdir], [$abs_builddir])
fi
