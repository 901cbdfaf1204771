# Build stage: compile TypeScript with the dev dependencies.
FROM node:lts-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.app.json ./
COPY src ./src
# Only the app: benchmarks and the simulator stay out of the image.
RUN npx tsc -p tsconfig.app.json

# Run stage: production dependencies, the compiled app and its templates.
FROM node:lts-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY --from=build /app/dist ./dist
COPY templates ./templates
COPY app.yml ./
USER node
EXPOSE 3000
CMD ["node", "dist/src/main.js"]
