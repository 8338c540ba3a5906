using FsCheck;
using FsCheck.Fluent;

namespace ClusterSip.Sip.Tests.Properties;

/// <summary>FsCheck generators of well-formed requests with varied formatting.</summary>
public static class SipGenerators
{
    private const string Alpha = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string AlphaNum = Alpha + "0123456789";
    private const string TokenChars = AlphaNum + "-.!%*_+`'~";
    private const string UserChars = AlphaNum + "-_.!~*'()&=+$,;?/";

    public static Arbitrary<MessageModel> Messages() => Arb.From(MessageGen());

    public static Gen<MessageModel> MessageGen() =>
        from method in Gen.OneOf(Gen.Elements("INVITE", "OPTIONS", "REGISTER", "BYE", "MESSAGE", "SUBSCRIBE", "NOTIFY"), Word(Alpha + "-", 1, 12))
        from ruser in User()
        from rhost in Host()
        from rport in Gen.OneOf(Gen.Constant<int?>(null), Gen.Choose(1, 65535).Select(p => (int?)p))
        from vias in Gen.Choose(1, 4).SelectMany(n => ArrayOf(n, Via()))
        from display in Gen.OneOf(Gen.Constant<string?>(null), Printable(0, 20).Select(d => (string?)d))
        from fuser in User()
        from fhost in Host()
        from ftag in Word(TokenChars, 1, 16)
        from tuser in User()
        from thost in Host()
        from callId in Word(AlphaNum + "-.!%*_+`'~()<>:\\\"/[]?{}@", 1, 40)
        from cseq in Gen.Choose(0, int.MaxValue).Select(n => (uint)n)
        from maxForwards in Gen.Choose(0, 255)
        from extra in Gen.Choose(0, 4).SelectMany(n => ArrayOf(n, Extension()))
        from body in Gen.Choose(0, 120).SelectMany(n => ArrayOf(n, Gen.Choose(0, 255).Select(b => (byte)b)))
        from style in Style()
        select new MessageModel(method, ruser, rhost, rport, vias, display, fuser, fhost, ftag, tuser, thost, callId, cseq,
            maxForwards, extra, body, style);

    private static Gen<FormatStyle> Style() =>
        from compact in Gen.Elements(true, false)
        from upper in Gen.Elements(true, false)
        from spaceBeforeColon in Gen.Elements(true, false)
        from lws in Gen.Elements(string.Empty, " ", "\t", "  ")
        from fold in Gen.Elements(true, false)
        from contentLength in Gen.Elements(true, true, false)
        select new FormatStyle(compact, upper, spaceBeforeColon, lws, fold, contentLength);

    private static Gen<ViaModel> Via() =>
        from transport in Gen.Elements("UDP", "TCP", "TLS", "SCTP", "WS")
        from host in Host()
        from port in Gen.OneOf(Gen.Constant<int?>(null), Gen.Choose(1, 65535).Select(p => (int?)p))
        from branch in Word(TokenChars, 1, 20).Select(b => "z9hG4bK" + b)
        from rport in Gen.Elements(true, false)
        select new ViaModel(transport, host, port, branch, rport);

    private static Gen<(string, string)> Extension() =>
        from name in Word(Alpha, 1, 1).SelectMany(first => Word(TokenChars, 0, 10).Select(rest => "X-" + first + rest))
        from value in Printable(0, 30).Select(v => v.Trim())
        select (name, value);

    private static Gen<string> User() =>
        Gen.OneOf(Word(UserChars, 1, 16), Word(AlphaNum, 1, 8).Select(u => u + "%20" + u));

    private static Gen<string> Host() =>
        Gen.OneOf(
            Gen.Choose(1, 3).SelectMany(n => ArrayOf(n, Word(Alpha, 1, 1).SelectMany(f => Word(AlphaNum + "-", 0, 8).Select(r => f + r + "x"))))
                .Select(labels => string.Join('.', labels)),
            ArrayOf(4, Gen.Choose(0, 255)).Select(o => string.Join('.', o)),
            ArrayOf(3, Gen.Choose(0, 0xffff)).Select(g => "[2001:" + string.Join(':', g.Select(x => x.ToString("x"))) + "::1]"));

    private static Gen<string> Word(string chars, int min, int max) =>
        Gen.Choose(min, max).SelectMany(n => ArrayOf(n, Gen.Elements(chars.ToCharArray()))).Select(c => new string(c));

    private static Gen<T[]> ArrayOf<T>(int length, Gen<T> element) => Gen.ArrayOf(element, length);

    private static Gen<string> Printable(int min, int max) =>
        Gen.Choose(min, max).SelectMany(n => ArrayOf(n, Gen.Choose(0x20, 0x7e).Select(c => (char)c))).Select(c => new string(c));
}
