ARG REGISTRY
FROM ${REGISTRY}/busybox:latest AS build
RUN mkdir -p /out/d && echo x > /out/d/f && chown -R 1234:4321 /out && chmod 700 /out/d
FROM ${REGISTRY}/busybox:latest
COPY --from=build /out /copied
