# shellcheck shell=bash
# Debian packages the HMS tools need, installed only when missing.
# Requires output.sh.

# Each entry is "package:command". A package counts as present when its
# command is on PATH (another install of the same tool is good enough) or,
# without a command, when dpkg says it is installed.
# busybox-static has no command of its own to probe: the dynamic `busybox`
# package also provides /bin/busybox, and only the static build works
# inside an empty image.
HMS_PACKAGES=(
  "docker.io:dockerd"
  "iptables:iptables"
  "iproute2:ip"
  "rabbitmq-server:rabbitmq-server"
  "busybox-static:"
  "curl:curl"
  "openssl:openssl"
)

dpkg_installed() {
  [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" == \
    "install ok installed" ]]
}

package_present() {
  local package="$1" command="$2"

  if [[ -n "$command" ]] && command -v "$command" >/dev/null; then
    return 0
  fi

  dpkg_installed "$package"
}

# Prints the packages from HMS_PACKAGES that are missing, one per line.
missing_packages() {
  local entry

  for entry in "${HMS_PACKAGES[@]}"; do
    if ! package_present "${entry%%:*}" "${entry#*:}"; then
      printf '%s\n' "${entry%%:*}"
    fi
  done
}

# Installs what is missing; `apt-get update` runs only if something is.
ensure_packages() {
  local -a missing
  mapfile -t missing < <(missing_packages)

  if ((${#missing[@]} == 0)); then
    say "packages: all present (${#HMS_PACKAGES[@]} checked)"
    return 0
  fi

  say "packages: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  local by_hand="run 'apt-get update && apt-get install -y ${missing[*]}'"
  by_hand+=" and read apt's error"

  apt-get update -qq ||
    die "apt-get update failed" "$by_hand"
  apt-get install -y -qq "${missing[@]}" >/dev/null ||
    die "apt-get could not install ${missing[*]}" "$by_hand"

  say "packages: installed ${missing[*]}"
}
