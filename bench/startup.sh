#!/usr/bin/env bash
# Startup time and idle memory of the server jar, first start (empty home: unpack and install the
# embedded MariaDB) and later starts (data kept), each to the first 200 of the login page.
# Usage: bench/startup.sh [runs]   (default 3 later starts). Needs a built ui/target/gongjian.jar.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
jar=ui/target/gongjian.jar
[ -f "$jar" ] || { echo "build first: ./gongjian build" >&2; exit 1; }
java=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
opts=${GONGJIAN_JAVA_OPTS:--XX:+UseSerialGC -Xmx1g}
home=$(mktemp -d "${PWD}/target-bench-XXXXXX")
port=18181
pid=""
trap 'kill $pid 2>/dev/null || true; rm -rf "$home"' EXIT

now_ms() { date +%s%3N; }

start_once() { # prints "<ms to first 200> <java RSS MiB> <mariadbd RSS MiB>"
  local t0 t1
  t0=$(now_ms)
  GONGJIAN_HOME=$home GONGJIAN_PORT=$port "$java" $opts -jar "$jar" >"$home/server.log" 2>&1 &
  pid=$!
  until curl -fs -o /dev/null "http://localhost:$port/login"; do
    sleep 0.05
    kill -0 $pid 2>/dev/null || { cat "$home/server.log"; exit 1; }
  done
  t1=$(now_ms)
  curl -fs -o /dev/null "http://localhost:$port/lumo/lumo.css"
  sleep 5 # let the JVM settle after the first page
  local jrss drss dbpid
  jrss=$(( $(ps -o rss= -p $pid) / 1024 ))
  dbpid=$(cat "$home/db/mysqld.pid")
  drss=$(( $(ps -o rss= -p "$dbpid") / 1024 ))
  kill $pid; wait $pid 2>/dev/null || true
  echo "$((t1 - t0)) $jrss $drss"
}

echo "jar: $(du -h "$jar" | cut -f1), java: $("$java" -version 2>&1 | head -n 1), opts: $opts, cores: $(nproc)"
read -r ms jrss drss < <(start_once)
echo "first start (unpack + install DB): ${ms} ms to first 200; idle RSS java ${jrss} MiB, mariadbd ${drss} MiB"
for i in $(seq 1 "$runs"); do
  read -r ms jrss drss < <(start_once)
  echo "later start $i: ${ms} ms to first 200; idle RSS java ${jrss} MiB, mariadbd ${drss} MiB"
done
