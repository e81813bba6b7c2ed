# Installs the system packages minid builds against, when they are missing (Debian/Ubuntu, apt-get).
# Sourced by scripts/demo.sh and scripts/test.sh so a fresh machine needs nothing done by hand.
minid_packages=(libsqlite3-dev libssl-dev libqrencode-dev libpq-dev libevent-dev sqlite3 pkg-config curl openssl)

# The Debian packages named, those not installed yet.
minid_apt_install_missing() {
  local missing=()
  local package
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  if ((${#missing[@]})); then
    echo "Installing ${missing[*]} ..." >&2
    local sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

# For the browser tests only (scripts/test.sh), never the set-up: Debian's Chromium and its driver, which
# Selenium uses as they are (nothing downloaded at run time).
minid_browser_packages=(chromium chromium-driver)

minid_install_prerequisites() {
  minid_apt_install_missing "${minid_packages[@]}"
  if ! command -v swift >/dev/null 2>&1; then
    echo "Swift is not on PATH; install a Swift 6 toolchain from swift.org first." >&2
    exit 1
  fi
}

# A Python virtual environment at $1 with the pinned packages of requirements file $2, made or brought up to
# date when the file changed (python3-venv from Debian when the venv module is missing).
minid_python_venv() {
  local venv=$1 requirements=$2
  if ! python3 -c 'import venv, ensurepip' 2>/dev/null; then
    local sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq python3-venv >/dev/null
  fi
  if [ ! -x "$venv/bin/python" ] || ! cmp -s "$requirements" "$venv/requirements.txt"; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check -r "$requirements"
    cp "$requirements" "$venv/requirements.txt"
  fi
}
