ARG REGISTRY
FROM ${REGISTRY}/busybox:latest AS build
RUN mkdir /out && echo built > /out/bin && chmod 755 /out/bin
FROM ${REGISTRY}/busybox:latest
COPY --from=build /out/bin /usr/local/bin/app
