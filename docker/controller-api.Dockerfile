# The HMS controller: REST API, Swagger UI, history and aggregation. Runs as
# the unprivileged user `node`; its history lives in the /var/lib/hms volume.
#
#   docker run -d --name hms-controller --init -p 3000:3000 \
#     -v hms-controller-data:/var/lib/hms \
#     -e HMS_AMQP_URL=amqp://hms:<password>@<broker>:5672 hms/controller-api:latest
#
# Swagger UI: http://<host>:3000/docs. Build from the repository root.
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
RUN npx nx build controller-api --skip-nx-cache && npm prune --omit=dev

FROM ${NODE_IMAGE}
LABEL org.opencontainers.image.title="hms-controller-api" \
      org.opencontainers.image.description="HMS controller: REST API over every host"
ENV NODE_ENV=production HMS_HTTP_HOST=0.0.0.0 HMS_HTTP_PORT=3000 \
    HMS_HISTORY_DB=/var/lib/hms/history.sqlite
WORKDIR /opt/hms
COPY --from=app /workspace/node_modules ./node_modules
COPY --from=app /workspace/dist/apps/controller-api ./
RUN mkdir -p /var/lib/hms && chown node:node /var/lib/hms
VOLUME /var/lib/hms
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \
  CMD ["node", "-e", "require('http').get('http://127.0.0.1:3000/health', (r) => process.exit(r.statusCode === 200 ? 0 : 1)).on('error', () => process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "main.js"]
