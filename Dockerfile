# Build the same static binary as .ci/run, then ship it alone on distroless, as non-root.
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -o /out/careerbot ./cmd/careerbot
# The digest database lives in /data, owned by the image's non-root user (65532).
RUN mkdir -p /out/data && chown 65532:65532 /out/data

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/careerbot /usr/local/bin/careerbot
COPY --from=build --chown=65532:65532 /out/data /data
USER nonroot:nonroot
ENV CAREERBOT_DATA_DIR=/data
VOLUME /data
EXPOSE 8080
ENTRYPOINT ["careerbot"]
# Runs the bots and the digest scheduler: docker run -v careerbot:/data -e SLACK_BOT_TOKEN -e SLACK_APP_TOKEN IMAGE
# For a terminal conversation instead: docker run -it IMAGE chat
CMD ["serve"]
