# The HMS manager: one per Docker host. Needs the host's network (it probes
# containers on the engine's bridges), the engine socket and CAP_NET_RAW for
# ICMP, and nothing more:
#
#   docker run -d --name hms-manager --init --network host \
#     --cap-drop ALL --cap-add NET_RAW --security-opt no-new-privileges \
#     --read-only --tmpfs /tmp --label hms.ignore=true \
#     -v /var/run/docker.sock:/var/run/docker.sock \
#     -e HMS_AMQP_URL=amqp://hms:<password>@<broker>:5672 \
#     -e HMS_HOST_ADDRESS=<this host's address> hms/manager:latest
#
# Build from the repository root (see docker/README.md, or
# docker/build-images.sh which also works on machines without a registry).
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
RUN npx nx build manager --skip-nx-cache && npm prune --omit=dev

FROM ${NODE_IMAGE}
LABEL org.opencontainers.image.title="hms-manager" \
      org.opencontainers.image.description="HMS manager: supervises one Docker host"
ENV NODE_ENV=production HMS_DOCKER_SOCKET=/var/run/docker.sock
WORKDIR /opt/hms
COPY --from=app /workspace/node_modules ./node_modules
COPY --from=app /workspace/dist/apps/manager ./
# Root inside, but with every capability dropped except NET_RAW at `docker
# run`: raw ICMP sockets need it, and the engine socket belongs to root.
# The manager closes its AMQP and Docker connections on SIGTERM.
STOPSIGNAL SIGTERM
CMD ["node", "main.js"]
