# exec-trade engine / gateway image (EXEC_ROLE picks the role at run time; see docs/redis.md).
# Holds no key material: the engine's oracle keypair is mounted at run time (docker-compose.yml
# secret), and .dockerignore keeps .data/ and keypair files out of the build context.
FROM node:20-bookworm-slim

WORKDIR /app
COPY package.json package-lock.json ./
# Full install: the engine runs TypeScript through tsx (a devDependency), as `npm start` does.
RUN npm install --no-audit --no-fund && npm cache clean --force

COPY tsconfig.json ./
COPY engine ./engine
# The web terminal, built into app/dist here so the engine serves it without building at start.
COPY app ./app
RUN npm run build:app

ENV NODE_ENV=production \
    EXEC_HOST=0.0.0.0 \
    EXEC_PORT=8080 \
    EXEC_DATA_DIR=/app/.data
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.EXEC_PORT ?? '8080') + '/v1/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--import", "tsx", "engine/src/main.ts"]
