# shellcheck shell=bash
# TLS for a host's engine (`up --tls`): a throwaway certificate authority
# per host that signs the engine's server certificate and one client
# certificate, as `dockerd --tlsverify` expects. The client's files sit in
# a directory laid out like DOCKER_CERT_PATH (ca.pem, cert.pem, key.pem),
# which is what an operator hands to the controller. Everything lives in
# the host's run directory, so `down` removes it with the host. The CA's
# key is deleted once it has signed both: nothing can be signed later.
# Requires output.sh and layout.sh.

TLS_VALID_DAYS=30

# Prints the files a TLS engine and its client need; all must exist.
tls_files() {
  local index="$1"

  printf '%s\n' \
    "$(host_tls_dir "$index")/ca.pem" \
    "$(host_tls_dir "$index")/server-cert.pem" \
    "$(host_tls_dir "$index")/server-key.pem" \
    "$(host_tls_client_dir "$index")/ca.pem" \
    "$(host_tls_client_dir "$index")/cert.pem" \
    "$(host_tls_client_dir "$index")/key.pem"
}

tls_material_complete() {
  local file

  while read -r file; do
    [[ -s "$file" ]] || return 1
  done < <(tls_files "$1")
}

# openssl_quiet ARGS...: openssl with its chatter kept for failures only.
openssl_quiet() {
  local output

  if ! output="$(openssl "$@" 2>&1)"; then
    printf '%s\n' "$output" >&2
    die "openssl $1 failed while making a host's TLS certificates" \
      "run 'openssl version'; 'bash tools/bringup.sh' installs openssl"
  fi
}

# sign_certificate INDEX NAME SUBJECT EXTENSIONS: a P-256 key NAME-key.pem
# and NAME-cert.pem signed by the host's CA, with the given extensions.
sign_certificate() {
  local index="$1" name="$2" subject="$3" extensions="$4" dir
  dir="$(host_tls_dir "$index")"

  openssl_quiet req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
    -keyout "$dir/$name-key.pem" -out "$dir/$name.csr" -subj "$subject"
  openssl_quiet x509 -req -in "$dir/$name.csr" -CA "$dir/ca.pem" \
    -CAkey "$dir/ca-key.pem" -set_serial "0x$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')" \
    -days "$TLS_VALID_DAYS" -out "$dir/$name-cert.pem" \
    -extfile <(printf '%s\n' "$extensions")
  rm -f "$dir/$name.csr"
}

make_tls_material() {
  local index="$1" dir client
  dir="$(host_tls_dir "$index")"
  client="$(host_tls_client_dir "$index")"

  rm -rf "$dir"
  (umask 077 && mkdir -p "$client")
  openssl_quiet req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
    -keyout "$dir/ca-key.pem" -out "$dir/ca.pem" -days "$TLS_VALID_DAYS" \
    -subj "/CN=hms $(host_name "$index") throwaway CA"
  sign_certificate "$index" server "/CN=$(host_address "$index")" \
    "$(printf 'subjectAltName=IP:%s\nextendedKeyUsage=serverAuth' "$(host_address "$index")")"
  sign_certificate "$index" client "/CN=hms-controller" "extendedKeyUsage=clientAuth"
  rm -f "$dir/ca-key.pem"

  cp "$dir/ca.pem" "$client/ca.pem"
  mv "$dir/client-cert.pem" "$client/cert.pem"
  mv "$dir/client-key.pem" "$client/key.pem"
  chmod 600 "$dir"/*.pem "$client"/*.pem
}

# Makes the host's certificates when any file is missing. A running engine
# holds the old ones in memory, so it is stopped and `up` starts it again.
ensure_tls_material() {
  local index="$1"

  if tls_material_complete "$index"; then
    return 0
  fi

  if engine_pid "$index" >/dev/null; then
    say "$(host_name "$index"): TLS certificates are incomplete, restarting the engine"
    stop_engine "$index"
  fi
  make_tls_material "$index"
  say "$(host_name "$index"): made TLS certificates (client: $(host_tls_client_dir "$index"))"
}

# Without --tls, a host keeps no certificates nobody uses.
remove_tls_material() {
  rm -rf "$(host_tls_dir "$1")"
}
