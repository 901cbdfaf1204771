# syntax=docker/dockerfile:1
# Node 26 is the current LTS line; bump the exact version (and rebuild) for security releases.
ARG NODE_IMAGE=node:26.10.0-trixie-slim

# Build stage: compile TypeScript with the dev dependencies.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` would build before the sources are copied; the build is the next step.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.app.json ./
COPY src ./src
# Only the app: benchmarks and the simulator stay out of the image.
RUN npx tsc -p tsconfig.app.json

# Run stage: production dependencies from the lockfile, the compiled app and its templates.
# scripts/check-runtime.mjs (run by .ci/run) performs these steps on a fresh copy without Docker.
FROM ${NODE_IMAGE}
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY templates ./templates
COPY app.yml ./
# The setup page (run with NODE_ENV=development) writes the new app's credentials to /app/.env.
RUN chown node:node /app
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/ping`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/src/main.js"]
