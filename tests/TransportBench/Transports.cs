using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace ClusterSip.Transport.Bench;

/// <summary>Opens the caller's and callee's streams: plain TCP, or TLS with the bench's throwaway certificate.</summary>
internal sealed class Transports(bool tls, X509Certificate2? certificate)
{
    public string Name => tls ? "tls" : "tcp";

    public string ViaToken => tls ? "TLS" : "TCP";

    public static Transports Create(string name, string? certificateFile, string? keyFile) => name switch
    {
        "tcp" => new Transports(false, null),
        "tls" when certificateFile is not null && keyFile is not null =>
            new Transports(true, X509Certificate2.CreateFromPemFile(certificateFile, keyFile)),
        _ => throw new ArgumentException("transport is tcp, or tls with --cert and --key"),
    };

    public async Task<(Stream Stream, IPEndPoint Local)> ConnectAsync(IPEndPoint to, CancellationToken cancellationToken)
    {
        var socket = new Socket(to.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(to, cancellationToken);
        var local = (IPEndPoint)socket.LocalEndPoint!;
        Stream stream = new NetworkStream(socket, ownsSocket: true);
        if (tls)
        {
            var ssl = new SslStream(stream, false, (_, _, _, _) => true); // a bench against its own node: the node's certificate is not checked
            await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = to.Address.ToString() }, cancellationToken);
            stream = ssl;
        }

        return (stream, local);
    }

    public async Task<Stream> AcceptAsync(Socket socket, CancellationToken cancellationToken)
    {
        socket.NoDelay = true;
        Stream stream = new NetworkStream(socket, ownsSocket: true);
        if (tls)
        {
            var ssl = new SslStream(stream, false);
            await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = certificate }, cancellationToken);
            stream = ssl;
        }

        return stream;
    }
}
