# The OASIS image for the distributed deployment (docker-compose.yml): web, worker and beat run it.
FROM node:20-bookworm-slim AS frontend
WORKDIR /src/frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend/ ./
COPY backend/schema/schema.graphql /src/backend/schema/schema.graphql
RUN npm run build

FROM python:3.11-slim-bookworm
ENV PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN useradd --create-home --uid 10001 oasis
WORKDIR /app
COPY requirements.lock ./
RUN pip install --no-cache-dir -r requirements.lock
COPY backend/ backend/
COPY --from=frontend /src/frontend/dist frontend/dist
USER oasis
WORKDIR /app/backend
EXPOSE 8000 8001
CMD ["python", "manage.py", "serve", "--host", "0.0.0.0", "--port", "8000"]
