ARG REGISTRY
FROM ${REGISTRY}/busybox:latest
COPY --exclude=*.md --exclude=sub dir /e/
RUN [ ! -e /e/x.md ] && [ ! -e /e/sub ] && [ -f /e/y.txt ]
