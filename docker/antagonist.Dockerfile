# The HMS antagonist: a fault injector for experiments, one per host, never
# part of a production deployment. It stops containers through the engine
# and injects packet loss inside their network namespaces (tc netem, or
# iptables where the kernel has no netem), so it needs the host's pid and
# network namespaces and the capabilities to enter and change them:
#
#   docker run -d --name hms-antagonist --init --network host --pid host \
#     --cap-add NET_ADMIN --cap-add SYS_ADMIN --cap-add SYS_PTRACE \
#     --label hms.ignore=true -v /var/run/docker.sock:/var/run/docker.sock \
#     -e HMS_AMQP_URL=amqp://hms:<password>@<broker>:5672 \
#     -e HMS_HOST_ADDRESS=<this host's address> hms/antagonist:latest
#
# Its runtime image installs iptables and iproute2 with apt, so NODE_IMAGE
# must be Debian based (the public node images are).
ARG BUILD_IMAGE=node:20-bookworm
ARG NODE_IMAGE=node:20-bookworm-slim

# The build stage is the same text in every app's Dockerfile, so the
# builder's cache shares the npm install between the three images.
FROM ${BUILD_IMAGE} AS build
WORKDIR /workspace
ENV CI=true NX_DAEMON=false NX_NO_CLOUD=true
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY nx.json tsconfig.base.json jest.preset.js eslint.config.mjs ./
COPY libs libs
COPY apps apps

FROM build AS app
RUN npx nx build antagonist --skip-nx-cache && npm prune --omit=dev

FROM ${NODE_IMAGE}
LABEL org.opencontainers.image.title="hms-antagonist" \
      org.opencontainers.image.description="HMS antagonist: fault injection for experiments"
RUN apt-get update \
  && apt-get install -y --no-install-recommends iptables iproute2 \
  && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production HMS_DOCKER_SOCKET=/var/run/docker.sock
WORKDIR /opt/hms
COPY --from=app /workspace/node_modules ./node_modules
COPY --from=app /workspace/dist/apps/antagonist ./
# The antagonist removes the packet loss it injected on SIGTERM.
STOPSIGNAL SIGTERM
CMD ["node", "main.js"]
