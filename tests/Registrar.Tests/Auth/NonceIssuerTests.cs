using ClusterSip.Registrar.Auth;

namespace ClusterSip.Registrar.Tests.Auth;

public sealed class NonceIssuerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 18, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    [Fact]
    public void A_fresh_nonce_is_valid_on_its_issuer()
    {
        var issuer = new NonceIssuer("s3cret", Lifetime);
        Assert.Equal(NonceState.Valid, issuer.Check(issuer.Create(Now), Now + TimeSpan.FromSeconds(29), out var expires));
        Assert.Equal(Now + Lifetime, expires);
    }

    [Fact]
    public void A_fresh_nonce_is_foreign_on_another_issuer_sharing_the_secret()
    {
        var nonce = new NonceIssuer("s3cret", Lifetime).Create(Now);
        Assert.Equal(NonceState.Foreign, new NonceIssuer("s3cret", Lifetime).Check(nonce, Now + TimeSpan.FromSeconds(29), out _));
    }

    [Fact]
    public void A_nonce_older_than_its_lifetime_is_stale()
    {
        var issuer = new NonceIssuer("s3cret", Lifetime);
        Assert.Equal(NonceState.Stale, issuer.Check(issuer.Create(Now), Now + TimeSpan.FromSeconds(31), out _));
    }

    [Fact]
    public void A_nonce_under_another_secret_is_invalid() =>
        Assert.Equal(NonceState.Invalid, new NonceIssuer("other", Lifetime).Check(new NonceIssuer("s3cret", Lifetime).Create(Now), Now, out _));

    [Fact]
    public void A_nonce_from_the_future_is_invalid()
    {
        var issuer = new NonceIssuer("s3cret", Lifetime);
        Assert.Equal(NonceState.Invalid, issuer.Check(issuer.Create(Now + TimeSpan.FromMinutes(1)), Now, out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64 !")]
    [InlineData("dcd98b7102dd2f0e8b11d0f600bfb0c093")]
    public void Text_that_is_no_nonce_of_ours_is_invalid(string nonce) =>
        Assert.Equal(NonceState.Invalid, new NonceIssuer("s3cret", Lifetime).Check(nonce, Now, out _));

    [Fact]
    public void A_tampered_timestamp_is_invalid()
    {
        var issuer = new NonceIssuer("s3cret", Lifetime);
        var bytes = System.Buffers.Text.Base64Url.DecodeFromChars(issuer.Create(Now));
        bytes[7] ^= 1;
        Assert.Equal(NonceState.Invalid, issuer.Check(System.Buffers.Text.Base64Url.EncodeToString(bytes), Now, out _));
    }

    [Fact]
    public void Nonces_differ_even_within_one_millisecond()
    {
        var issuer = new NonceIssuer("s3cret", Lifetime);
        Assert.NotEqual(issuer.Create(Now), issuer.Create(Now));
    }
}
