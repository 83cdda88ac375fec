#!/usr/bin/env bash
# Crash test of the ledger: the real server jar on its real embedded MariaDB, under load, killed
# with kill -9 at random moments and restarted (the orphaned MariaDB is stopped by the next start).
# The load client (bench/src/main/java/org/gongjian/bench/CrashLoad.java, JDK only) logs every
# answered request and every request whose answer was lost. At the end every request is resent:
# lost ones must answer 201 or a replay, answered ones a replay with the same status and request
# id; the acknowledged transfers must add up to every account's balance; every posted time-bank
# deposit, manual ledger transfer and points adjustment must have exactly one audit row (written in
# its transaction); reconciliation must answer ok=true. Part of the load redeems goods at the Lei Feng
# market (installed signed, through the API): every accepted redemption has one ledger transfer, the
# market's account holds their points, the shelves what they did not take, and a redemption cut
# between the host's and the plugin's commit is settled by the recovery job and then decided once. Exits non-zero on any violation; cleans up its processes.
#
# Usage: bench/crash-test.sh [rounds]   (default 5). Needs ui/target/gongjian.jar (./gongjian build).
# KEEP_HOME=1 keeps the home (bench/target/crash-home-*) even when the test passes.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
java=$JAVA_HOME/bin/java
jar=ui/target/gongjian.jar
[ -f "$jar" ] || { echo "crash-test: build first: ./gongjian build" >&2; exit 2; }

started=$(date +%s)
home=$PWD/bench/target/crash-home-$started-$$
mkdir -p "$home/client"
server="" load="" status=1

lines() { if [ -f "$1" ]; then wc -l <"$1"; else echo 0; fi; }
db_pid() { cat "$home/db/mysqld.pid" 2>/dev/null || true; }

cleanup() {
  [ -n "$load" ] && kill "$load" 2>/dev/null || true
  if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then
    kill "$server" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$server" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$server" 2>/dev/null || true
  fi
  # A MariaDB left by the last kill -9 (only ours: the pid file of this home).
  local db
  db=$(db_pid)
  if [ -n "$db" ] && kill -0 "$db" 2>/dev/null && grep -q "$home" "/proc/$db/cmdline" 2>/dev/null; then
    kill "$db" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$db" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$db" 2>/dev/null || true
  fi
  if [ "$status" -eq 0 ] && [ -z "${KEEP_HOME:-}" ]; then
    rm -rf "$home"
  else
    echo "crash-test: home kept in $home (server.log, requests.log)"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A free port: ask the kernel for one.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null \
  || echo $((20000 + RANDOM % 20000)))
base=http://127.0.0.1:$port

"$JAVA_HOME/bin/javac" -d "$home/client" bench/src/main/java/org/gongjian/bench/CrashLoad.java
client() { "$java" -XX:+UseSerialGC -Xmx256m -cp "$home/client" org.gongjian.bench.CrashLoad "$@"; }

start_server() {
  local t0
  t0=$(date +%s%N)
  echo "==== start $1" >>"$home/server.log"
  GONGJIAN_HOME=$home GONGJIAN_PORT=$port "$java" -XX:+UseSerialGC -Xmx1g -jar "$jar" >>"$home/server.log" 2>&1 &
  server=$!
  for _ in $(seq 1 1200); do
    if curl -fs -o /dev/null "$base/api/health"; then
      echo "crash-test: server up ($1) in $(( ($(date +%s%N) - t0) / 1000000 )) ms, pid $server"
      return
    fi
    kill -0 "$server" 2>/dev/null || { tail -n 40 "$home/server.log"; echo "crash-test: server died" >&2; exit 1; }
    sleep 0.1
  done
  echo "crash-test: server not up after 120 s" >&2
  exit 1
}

# The Lei Feng market goes in as an operator installs a plugin: its jar signed by a publisher the
# server trusts, uploaded through the API (the load then redeems goods at its counter).
market_jar=$(ls plugins/leifeng-market/target/gongjian-plugin-leifeng-market-*.jar 2>/dev/null | grep -v -e sources -e javadoc | head -n 1)
[ -n "$market_jar" ] || { echo "crash-test: build first: ./gongjian build (no market plugin jar)" >&2; exit 2; }
mkdir -p "$home/trusted-publishers"
"$JAVA_HOME/bin/keytool" -genkeypair -alias crash -keyalg EC -groupname secp256r1 -validity 2 \
  -dname "CN=Gongjian crash test publisher" -keystore "$home/client/publisher.p12" -storetype PKCS12 \
  -storepass crash-test -keypass crash-test >/dev/null 2>&1
"$JAVA_HOME/bin/keytool" -exportcert -rfc -alias crash -keystore "$home/client/publisher.p12" \
  -storepass crash-test -file "$home/trusted-publishers/crash-test.pem" >/dev/null 2>&1
cp "$market_jar" "$home/client/leifeng-market.jar"
"$JAVA_HOME/bin/jarsigner" -keystore "$home/client/publisher.p12" -storepass crash-test \
  "$home/client/leifeng-market.jar" crash >/dev/null

start_server "first start"
client setup "$base" "$home" "$home/state.properties" "$home/client/leifeng-market.jar"
for round in $(seq 1 "$rounds"); do
  logged=$(lines "$home/requests.log")
  client load "$home/state.properties" "$home/requests.log" 4 120 &
  load=$!
  # The kill comes at a random moment 0.5–4.5 s after the first answer of this round (a fresh
  # server answers its first requests slowly: a fixed delay would often kill before any answer).
  for _ in $(seq 1 600); do
    [ "$(lines "$home/requests.log")" -gt "$logged" ] && break
    sleep 0.1
  done
  wait_ms=$(( 500 + RANDOM % 4000 ))
  sleep "$(printf '%d.%03d' $((wait_ms / 1000)) $((wait_ms % 1000)))"
  echo "crash-test: round $round: kill -9 of the server ${wait_ms} ms after the round's first answer"
  kill -9 "$server"
  wait "$server" 2>/dev/null || true
  wait "$load" || { echo "crash-test: load client failed" >&2; exit 1; }
  load=""
  start_server "restart $round"
done
echo "crash-test: verifying $(wc -l <"$home/requests.log") logged requests"
if client verify "$home/state.properties" "$home/requests.log"; then
  status=0
  # the command an operator runs must agree
  echo "crash-test: ./gongjian reconcile against the restarted server"
  GONGJIAN_ADMIN_USER=admin GONGJIAN_ADMIN_PASSWORD=crash-test-admin-password-2026 \
    ./gongjian reconcile --url "http://127.0.0.1:$port" || status=1
fi
echo "crash-test: $rounds kills, $(( $(date +%s) - started )) s in all: $([ "$status" -eq 0 ] && echo PASSED || echo FAILED)"
exit "$status"
