#!/bin/sh
# Starts Kamailio in the foreground with the script contract's values taken from the environment
# (see kamailio/Dockerfile): what `callq run` passes to the Kamailio it starts, here for one you run.
set -eu
cfg=${KAMAILIO_CFG:-/etc/callq/kamailio.cfg}
runtime=/run/kamailio
mkdir -p "$runtime"
sip_addr=${SIP_ADDR:-$(hostname -i | awk '{print $1}')}
# ndb_redis wants an address; compose gives a service name.
redis_addr=$(getent hosts "${REDIS_HOST:-redis}" | awk '{print $1; exit}')
[ -n "$redis_addr" ] || { echo "callq-kamailio: cannot resolve REDIS_HOST ${REDIS_HOST:-redis}" >&2; exit 2; }
set -- -f "$cfg" -DD -E -n "${KAMAILIO_CHILDREN:-4}" -m "${KAMAILIO_SHM_MB:-128}" -M 8 \
    -w "$runtime" -Y "$runtime" -P "$runtime/kamailio.pid" \
    -A "SIP_PORT=${SIP_PORT:-5060}" \
    "--substdef=!SIP_ADDR!$sip_addr!g" \
    "--substdef=!REDIS_HOST!$redis_addr!g" \
    "--substdef=!REDIS_PORT!${REDIS_PORT:-6379}!g" \
    "--substdef=!REDIS_DB!${REDIS_DB:-0}!g" \
    "--substdef=!QUEUE_KEY!${QUEUE_KEY:-callq:events}!g" \
    "--substdef=!CTL_SOCKET!unix:$runtime/ctl.sock!g"
if [ -n "${REDIS_PASS:-}" ]; then
    umask 077
    printf '#!substdef "!REDIS_PASS!%s!g"\n' "$REDIS_PASS" > "$runtime/redis-login.cfg"
    set -- "$@" "--substdef=!REDIS_LOGIN_FILE!$runtime/redis-login.cfg!g"
fi
# Behind Sentinel: sentinel_group=<master>;sentinel_master=1;sentinel=<host>:<port> (one sentinel: see
# README, "Your own Redis"); ndb_redis then asks it for the master at start and on every reconnect.
[ -n "${REDIS_SENTINELS:-}" ] && set -- "$@" "--substdef=!REDIS_SENTINELS!$REDIS_SENTINELS!g"
[ "${PAYLOAD:-json}" = callid ] && set -- "$@" -A PAYLOAD_CALLID
case "${EVENTS:-invite,bye}" in *bye*) set -- "$@" -A ENQUEUE_BYE ;; esac
exec kamailio "$@"
