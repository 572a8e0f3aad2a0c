ARG REGISTRY
FROM ${REGISTRY}/debian:bookworm
RUN useradd -u 1200 -m app
COPY --chown=app:app a.txt /home/app/
USER app
WORKDIR /home/app/w
