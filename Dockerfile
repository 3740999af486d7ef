# syntax=docker/dockerfile:1
# Production image of modelmgmtservice. Build for the AIMLFW nodes with
#   scripts/build-image.sh    (docker/nerdctl build --platform linux/amd64 ...)

# Node 24: the current LTS, supported the longest (package.json engines: >=22.12).
ARG NODE_IMAGE=node:24-bookworm-slim

# --- build: full dependency tree, compile TypeScript to dist/ -------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY . .
# The runtime ships neither src/ nor the incremental-build state: drop the maps that point at src/.
RUN npm run build && rm -f dist/.tsbuildinfo && find dist -name '*.map' -delete

# --- deps: production dependencies only ----------------------------------------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# No install scripts are needed at run time (the only ones are telemetry and dev tooling).
# --omit=optional: typescript, ts-node, @swc/core and @types/node are optional peers of production
# packages (the lockfile marks them devOptional, so --omit=dev alone keeps them); the only other
# optional packages are @swc/core's native binaries and pg-cloudflare (Cloudflare Workers only).
# Source maps (their sources are not shipped) and type declarations are never read at run time.
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --omit=optional --ignore-scripts --no-audit --no-fund \
 && find node_modules -type f \( -name '*.map' -o -name '*.d.ts' -o -name '*.d.mts' -o -name '*.d.cts' \) -delete

# --- runtime ---------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ARG VERSION=0.1.0
LABEL org.opencontainers.image.title="modelmgmtservice" \
      org.opencontainers.image.description="O-RAN SC AIMLFW Model Management Service (NestJS)" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.licenses="Apache-2.0"
# DATA_DIR under /tmp: the root filesystem is read-only in the cluster (emptyDir at /tmp).
# NODE_OPTIONS: the semi-space of .npmrc (why: see there), and an old generation of 40 % of the
# memory there is, the container's limit in a pod: by default V8 lets the heap grow to about the
# whole limit before it collects in earnest, so garbage alone could take a pod to its OOM kill (four
# concurrent 45 MiB listings peaked at 470-600 MiB RSS; 310-350 with 40 % of 512 MiB, while ~70 MiB
# stays alive; test/model-listing-memory.e2e-spec.ts runs the service so). NODE_COMPILE_CACHE: V8's
# code cache for the service's modules, written below at build time, so that even a pod's first start
# skips compiling them (read-only at run time; Node then just does not add to it).
ENV NODE_ENV=production \
    NODE_OPTIONS="--max-semi-space-size=32 --max-old-space-size-percentage=40" \
    NODE_COMPILE_CACHE=/app/.compile-cache \
    HOST=0.0.0.0 \
    PORT=8082 \
    DATA_DIR=/tmp/data
WORKDIR /app
# Code and dependencies stay owned by root: the service user can read but not modify them.
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
# Loading the module graph (nothing starts at import) fills the code cache.
RUN node -e "require('./dist/compile-cache.js'); require('./dist/app.module.js')"
# uid/gid 1000 is the base image's "node" user; numeric so runAsNonRoot can verify it.
USER 1000:1000
EXPOSE 8082
# node is PID 1 and handles SIGTERM itself (drains in-flight requests).
# Migrations: node dist/database/migrate.js (the chart's hook Job runs it).
CMD ["node", "dist/main.js"]
