# syntax=docker/dockerfile:1
# incident-response as a container: one Node process serving the HTTP API (docs/deploy.md).
# Build:  docker build -t incident-response .
# Run:    docker run -p 8080:8080 -v ir-data:/data incident-response
# The steps below are replayed without Docker by scripts/docker-build-steps.sh (no engine on CI).

# 1. Production dependencies only. better-sqlite3 is native: built here, where the compiler is,
#    with its install script; no other package's install script runs.
FROM node:20-bookworm AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
 && npm rebuild better-sqlite3

# 2. The executable: every dependency, then the bundle (dist/).
FROM node:20-bookworm AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund && npm rebuild esbuild
COPY tsconfig.json ./
COPY scripts/build.mjs scripts/build.mjs
COPY src/ src/
RUN node scripts/build.mjs && node dist/incident-response.mjs --version

# 3. What runs: Node, the production dependencies and dist/, as an unprivileged user.
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    IR_DB=/data/incident-response.db \
    XDG_STATE_HOME=/data/state \
    HOME=/data
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY docs/config.schema.json ./docs/config.schema.json
COPY examples/ ./examples/
# The image's "node" user (uid 1000) owns only /data: the SQLite file, its audit signing key, state.
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
EXPOSE 8080
# No curl in the slim image: Node asks /readyz (the store is reachable) itself.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:8080/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "dist/incident-response.mjs"]
CMD ["serve", "--port", "8080", "--host", "0.0.0.0"]
