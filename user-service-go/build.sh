#!/usr/bin/env bash
# Builds user-service-go/user-service. Anywhere with Go and the module proxy: `go mod tidy && go build`.
# Here, where only Debian's packages are reachable, it builds in GOPATH mode from Debian's Go
# sources (golang-google-grpc-dev, golang-google-protobuf-dev, golang-github-golang-protobuf-1-5-dev,
# golang-golang-x-crypto-dev).
set -euo pipefail
cd "$(dirname "$0")"
command -v go >/dev/null 2>&1 || { echo "Go is not installed: apt-get install golang-go golang-google-grpc-dev golang-google-protobuf-dev golang-github-golang-protobuf-1-5-dev golang-golang-x-crypto-dev, or see https://go.dev/doc/install" >&2; exit 1; }
if [ -d /usr/share/gocode/src/google.golang.org/grpc ]; then
  gopath="$(mktemp -d)"
  trap 'rm -rf "$gopath"' EXIT
  mkdir -p "$gopath/src/github.com/grpc-sandbox"
  ln -s "$PWD" "$gopath/src/github.com/grpc-sandbox/user-service-go"
  (cd "$gopath/src/github.com/grpc-sandbox/user-service-go" && GO111MODULE=off GOPATH="$gopath:/usr/share/gocode" GOFLAGS= go build -o "$OLDPWD/user-service" .)
else
  # the module way (a dev container, a laptop): go.mod names the versions; tidy fetches them and writes go.sum
  go mod tidy && go build -o user-service .
fi
