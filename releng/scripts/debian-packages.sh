# Sourced by ./run-tests and .ci/run: installs the Debian packages the tests need when they are missing.
# xvfb + xauth: a display for the UI tests; libgtk-3-0: SWT; xdotool: the product smoke test finds the window;
# python3-numpy: the .npy interoperability test loads our files with numpy.
AVLENS_TEST_PACKAGES="xvfb xauth libgtk-3-0 xdotool python3-numpy"

install_test_packages() {
  local missing=() p
  for p in $AVLENS_TEST_PACKAGES; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
      echo "missing Debian packages: ${missing[*]} (install them as root: apt-get install ${missing[*]})" >&2
      return 1
    fi
  fi
  echo "installing Debian packages: ${missing[*]}" >&2
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}
