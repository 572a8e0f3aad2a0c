# compat-args: --build-arg URL=$URL_BASE/remote.txt
ARG REGISTRY
FROM ${REGISTRY}/busybox:latest
ARG URL
ADD --checksum=sha256:c18243bcea0987f0dabe57a6714acda33fe58db2d6096c58a8b5be13ed378588 $URL /dl/
RUN [ "$(stat -c %a /dl/remote.txt)" = 600 ]
