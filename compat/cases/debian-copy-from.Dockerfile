ARG REGISTRY
FROM ${REGISTRY}/debian:bookworm AS build
RUN mkdir /out && cp /etc/debian_version /out/
FROM ${REGISTRY}/busybox:latest
COPY --from=build /out/ /deb/
