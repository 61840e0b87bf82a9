# Sourced by the .ci checks: starts bin/pravah on a copy of the shipped sample site, on a free loopback port.
#   start_sample_site NAME EXIT_CODE   sets work (the copy's folder), base (its URL) and pid; stops it on exit
# The copies get the time of the copy, as a fresh clone does: undated plain-text exports must still get distinct dates.
# shellcheck shell=bash
start_sample_site() {
  local name=$1 code=$2
  work=$(mktemp -d)
  pid=""
  # the server writes its data folder while it stops (the day's statistics): wait for it before removing the copy
  trap '[ -n "$pid" ] && { kill "$pid" 2> /dev/null; wait "$pid" 2> /dev/null; }; rm -rf "$work" || true' EXIT
  [ -f "$repo/target/pravah.jar" ] || (cd "$repo" && mvn -B -ntp -q -DskipTests package)
  cp -r "$repo/feeds-config.yaml" "$repo/articles" "$repo/images" "$work/"
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  base="http://127.0.0.1:$port"
  "$repo/bin/pravah" --config "$work/feeds-config.yaml" --host 127.0.0.1 --port "$port" --base-url "$base" \
    > "$work/server.log" 2>&1 &
  pid=$!
  local deadline=$((SECONDS + 60))
  until curl -fsS "$base/health/ready" > /dev/null 2>&1; do
    if [ $SECONDS -ge $deadline ] || ! kill -0 "$pid" 2> /dev/null; then
      cat "$work/server.log" >&2; echo "$name: server did not start" >&2; exit "$code"
    fi
    sleep 0.2
  done
}
