# Dossier: the production image for the app and the sync worker (same image, other command).
# syntax=docker/dockerfile:1

# 1. Dependencies (prisma generate runs as npm's postinstall, offline).
FROM node:20-bookworm-slim AS deps
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json prisma.config.ts ./
COPY scripts/prisma-generate.mjs scripts/
COPY prisma ./prisma
RUN npm ci

# 2. Build. Only build-time variables are needed here (see server/env-schema.ts).
FROM deps AS build
COPY . .
RUN npx next build && npm prune --omit=dev

# 3. Runtime: production dependencies, the build, scripts (migrations, worker, user:create).
FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000
COPY --from=build --chown=node:node /app ./
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s \
  CMD node -e "fetch('http://127.0.0.1:3000/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# Applies pending migrations, then serves.
CMD ["npm", "start"]
