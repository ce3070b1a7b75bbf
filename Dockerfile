# Surge's image, for distributed tests on Kubernetes (surge k8s) or anywhere a container runs:
#   docker build -t surge:0.1.0 .
#   docker run --rm -v "$PWD:/scripts" surge:0.1.0 run script.cs --vus 10 --duration 30s
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Surge.Cli -c Release -o /app

# ASP.NET Core's runtime: the aggregator and the agent listen with Kestrel.
FROM mcr.microsoft.com/dotnet/aspnet:10.0
COPY --from=build /app /app
RUN ln -s /app/Surge.Cli /usr/local/bin/surge
WORKDIR /scripts
ENTRYPOINT ["surge"]
