using System.Globalization;
using System.Net;

namespace Surge.Lab.Topology;

/// <summary>The nginx configurations of the lab: the far static origin, the CDN edge and the load balancer.</summary>
internal static class NginxConfigs
{
    /// <summary>The static file server: the images, sent no faster than <paramref name="bytesPerSecond"/> per connection.</summary>
    public static string Origin(string folder, IPAddress address, string files, int bytesPerSecond) => Wrap(folder, $$"""
            server {
                listen {{address}}:{{LabPlan.OriginPort}};
                root {{files}};
                # The far origin's bandwidth per connection; its round trip is added by the lab's link in front of it.
                limit_rate {{bytesPerSecond.ToString(CultureInfo.InvariantCulture)}};
                location / { }
            }
        """);

    /// <summary>The CDN edge: answers from its own disk cache, fetching from the origin (through its far link) once.</summary>
    public static string Edge(string folder, IPAddress address, IPAddress origin) => Wrap(folder, $$"""
            proxy_cache_path {{folder}}/cache levels=1:2 keys_zone=edge:10m max_size=1g inactive=1h use_temp_path=off;
            upstream origin {
                server {{origin}}:{{LabPlan.HttpPort}};
                keepalive 16;
            }
            server {
                listen {{address}}:{{LabPlan.HttpPort}};
                location / {
                    proxy_pass http://origin;
                    proxy_http_version 1.1;
                    proxy_set_header Connection "";
                    proxy_cache edge;
                    proxy_cache_valid 200 1h;
                    proxy_cache_lock on;
                    add_header X-Cache $upstream_cache_status;
                }
            }
        """);

    /// <summary>The load balancer: round robin over the app servers, with kept-alive connections to each.</summary>
    public static string Balancer(string folder, IPAddress address, IEnumerable<IPAddress> apps) => Wrap(folder, $$"""
            upstream apps {
        {{string.Concat(apps.Select(a => $"        server {a}:{LabPlan.HttpPort};\n"))}}        keepalive 64;
            }
            server {
                listen {{address}}:{{LabPlan.HttpPort}};
                location / {
                    proxy_pass http://apps;
                    proxy_http_version 1.1;
                    proxy_set_header Connection "";
                }
            }
        """);

    /// <summary>The command that runs nginx in the foreground with a configuration of this folder.</summary>
    public static IReadOnlyList<string> Command(string folder) => ["/usr/sbin/nginx", "-p", folder, "-c", Path.Combine(folder, "nginx.conf"), "-e", Path.Combine(folder, "error.log")];

    private static string Wrap(string folder, string server) => $$"""
        daemon off;
        master_process on;
        worker_processes 1;
        pid {{folder}}/nginx.pid;
        error_log {{folder}}/error.log warn;
        events {
            worker_connections 4096;
        }
        http {
            access_log off;
            sendfile on;
            tcp_nodelay on;
            keepalive_requests 100000;
            client_body_temp_path {{folder}}/tmp/body;
            proxy_temp_path {{folder}}/tmp/proxy;
            fastcgi_temp_path {{folder}}/tmp/fastcgi;
            uwsgi_temp_path {{folder}}/tmp/uwsgi;
            scgi_temp_path {{folder}}/tmp/scgi;
            types {
                text/html html;
                image/jpeg jpg;
            }
            default_type application/octet-stream;
        {{server}}
        }

        """;
}
