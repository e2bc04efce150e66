#!/bin/sh
# Runs docs/deploy/nginx-vcp.conf (ports and paths moved under a temporary folder) in front of two VCP instances on
# one PostgreSQL, and checks through it: TLS, the HTTP redirect, public reads, a sign-in whose session cookie (Secure)
# works on both instances, and failover when one instance stops.
# Needs: nginx, openssl, curl, a PostgreSQL database filled with `vcp demo seed --seed ngx`, and in the environment
# DATABASE_URL, VCP_KEYS and VCP_INDEX_KEY of that database. Run from the repository root.
set -eu
work=$(mktemp -d)
trap 'kill $(cat "$work"/*.pid 2>/dev/null) 2>/dev/null || true; rm -rf "$work"' EXIT
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/key.pem" -out "$work/cert.pem" -days 1 -subj /CN=localhost 2>/dev/null
sed -e "s#listen 80;#listen 18080;#; s#listen \[::\]:80;##; s#listen 443 ssl http2;#listen 18443 ssl http2;#; s#listen \[::\]:443 ssl http2;##" \
    -e "s#server_name beian.example.gov.cn;#server_name localhost;#" \
    -e "s#/etc/nginx/tls/beian.example.gov.cn.crt#$work/cert.pem#; s#/etc/nginx/tls/beian.example.gov.cn.key#$work/key.pem#" \
    -e "s#127.0.0.1:3001#127.0.0.1:13001#; s#127.0.0.1:3002#127.0.0.1:13002#" docs/deploy/nginx-vcp.conf > "$work/vcp.conf"
cat > "$work/nginx.conf" <<CONF
pid $work/nginx.pid;
error_log $work/error.log;
events {}
http {
  access_log $work/access.log;
  client_body_temp_path $work/body; proxy_temp_path $work/proxy;
  fastcgi_temp_path $work/fcgi; uwsgi_temp_path $work/uwsgi; scgi_temp_path $work/scgi;
  include $work/vcp.conf;
}
CONF
nginx -t -c "$work/nginx.conf" -p "$work" 2>&1 | tail -1
nginx -c "$work/nginx.conf" -p "$work"
for port in 13001 13002; do
  PORT=$port HOST=127.0.0.1 COOKIE_SECURE=true PUBLIC_BASE_URL=https://localhost:18443 LOG_LEVEL=info \
    node --import tsx src/server/main.ts > "$work/app-$port.log" 2>&1 &
  echo $! > "$work/app-$port.pid"
done
for i in $(seq 1 60); do
  curl -s -o /dev/null http://127.0.0.1:13001/api/public/filings && curl -s -o /dev/null http://127.0.0.1:13002/api/public/filings && break
  sleep 1
done
base=https://localhost:18443
check() { if [ "$2" = "$3" ]; then echo "ok   $1"; else echo "FAIL $1: got $2, want $3"; exit 1; fi; }
check "http redirects to https" "$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' http://localhost:18080/x)" "301 https://localhost/x"
check "public search through TLS" "$(curl -sk -o /dev/null -w '%{http_code}' "$base/api/public/filings?pageSize=1")" 200
for i in 1 2 3 4 5 6; do curl -sk -o /dev/null "$base/api/public/filings?page=$i"; done
a=$(grep -c '"url":"/api/public/filings' "$work/app-13001.log" || true)
b=$(grep -c '"url":"/api/public/filings' "$work/app-13002.log" || true)
check "both instances answered" "$([ "$a" -gt 0 ] && [ "$b" -gt 0 ] && echo yes)" yes
code=$(curl -sk -c "$work/jar" -D "$work/login.headers" -o "$work/login.json" -w '%{http_code}' -H "Origin: $base" -H 'Content-Type: application/json' \
  -d '{"email":"applicant1-ngx@demo.example","password":"demo-applicant-2026"}' "$base/api/auth/login")
check "sign-in through the proxy (Origin checked against Host)" "$code" 200
check "session cookie is Secure and HttpOnly (COOKIE_SECURE=true)" \
  "$(grep -i '^set-cookie:' "$work/login.headers" | grep -i 'secure' | grep -ci 'httponly' | sed 's/^[1-9][0-9]*$/yes/')" yes
for i in 1 2 3 4; do
  check "session works on any instance ($i)" "$(curl -sk -b "$work/jar" -o /dev/null -w '%{http_code}' "$base/api/filings")" 200
done
kill "$(cat "$work/app-13001.pid")"; rm "$work/app-13001.pid"; sleep 1
for i in 1 2 3 4; do
  check "one instance stopped: still served ($i)" "$(curl -sk -b "$work/jar" -o /dev/null -w '%{http_code}' "$base/api/filings")" 200
done
check "/metrics is not exposed through the proxy" "$(curl -sk -o /dev/null -w '%{http_code}' "$base/metrics")" 404
echo "all checks passed"
