# The collector image. Node 22 runs the TypeScript sources directly (type stripping), so the
# image holds server/ and shared/, the production dependencies, and the staff live screen that
# the first stage builds with the dev dependencies (Vite).
FROM node:22-slim AS staff-page
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN node node_modules/vite/bin/vite.js build -c vite.staff.config.ts --logLevel warn

FROM node:22-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY shared ./shared
COPY server ./server
COPY --from=staff-page /src/dist/staff ./dist/staff
USER node
EXPOSE 4320
CMD ["node", "server/main.ts"]
