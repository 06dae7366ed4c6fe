#!/bin/sh
# As the official Redis image's entrypoint: bare options ("--save ''") go to redis-server. Debian's build
# keeps protected mode on, which refuses every client from another container, so it is turned off here
# (the official image turns it off when it builds Redis); options given later still override it.
set -eu
case "${1:-}" in ""|-*) set -- redis-server "$@" ;; esac
if [ "$1" = redis-server ]; then
    shift
    set -- redis-server --protected-mode no "$@"
fi
exec "$@"
