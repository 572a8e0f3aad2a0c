ARG REGISTRY
FROM ${REGISTRY}/busybox:latest
COPY --parents dir/sub/c.txt b.txt /p/
COPY --parents ./dir/./sub/c.txt /q/
RUN [ -f /p/dir/sub/c.txt ] && [ -f /p/b.txt ] && [ -f /q/sub/c.txt ] && [ ! -e /q/dir ]
