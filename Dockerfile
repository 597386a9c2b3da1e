# Build the same static binary as .ci/run, then ship it alone on distroless, as non-root.
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -o /out/careerbot ./cmd/careerbot

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/careerbot /usr/local/bin/careerbot
USER nonroot:nonroot
EXPOSE 8080
ENTRYPOINT ["careerbot"]
# Runs the Slack bot: docker run -e SLACK_BOT_TOKEN -e SLACK_APP_TOKEN IMAGE
# For a terminal conversation instead: docker run -it IMAGE chat
CMD ["serve"]
