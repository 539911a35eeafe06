#!/bin/sh
# Same rule as the official node image's entrypoint: a flag or a script file runs under node.
set -e
if [ "${1#-}" != "${1}" ] || [ -z "$(command -v "${1}" 2>/dev/null)" ] || { [ -f "${1}" ] && ! [ -x "${1}" ]; }; then
  set -- node "$@"
fi
exec "$@"
