# The harness with everything it drives (redis-server and Sentinel, Kamailio with ndb_redis, SIPp), for
# docker-compose.yml. The jar is built on the host, where Maven has the host's trust and proxy settings;
# the image copies it, so its build reaches nothing but Debian's package mirror:
#   ./callq --version && docker build -t callq-bench:local .    (or scripts/docker-base-images.sh)
#   docker compose run --rm callq run --client both
FROM debian:bookworm-slim
LABEL dev.callq.bench=image
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      openjdk-17-jre-headless procps redis-server redis-sentinel kamailio kamailio-redis-modules sip-tester \
 && rm -rf /var/lib/apt/lists/*
# The console prints → and µ: without a UTF-8 locale Java 17 writes them as '?'. Java 17 takes System.out's
# charset from file.encoding (it ignores stdout.encoding, which came in 18); LANG covers SIPp and forked JVMs.
ENV LANG=C.UTF-8
WORKDIR /callq
# The SIPp scenarios for the sipp-uas service; the harness itself reads its copies from the jar.
COPY sipp-scenarios sipp-scenarios
COPY target/callq-bench.jar callq-bench.jar
ENTRYPOINT ["java", "-Dfile.encoding=UTF-8", "-jar", "/callq/callq-bench.jar"]
CMD ["run"]
