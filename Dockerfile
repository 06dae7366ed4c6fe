# The harness with everything it drives, for machines with Docker:
#   docker compose run --rm callq run --client both
FROM debian:bookworm-slim
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      openjdk-17-jdk-headless maven redis-server kamailio kamailio-redis-modules sip-tester \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /callq
COPY pom.xml ./
RUN mvn -B -q dependency:go-offline
COPY . .
RUN mvn -B -q -DskipTests package
ENTRYPOINT ["./callq"]
CMD ["run"]
