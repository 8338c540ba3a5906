using ClusterSip.Callstore.Domains;
using ClusterSip.Callstore.Tests.Support;

namespace ClusterSip.Callstore.Tests;

public sealed class DomainTreeTests
{
    private static readonly DomainTree Tree = DomainTree.Of([
        Instances.Of("everything", 1, 1),
        Instances.Of("example", 2, 1, domains: ["example.com"]),
        Instances.Of("branch", 3, 1, domains: ["b.example.com", "other.org"]),
        Instances.Of("branch2", 3, 2, domains: ["b.example.com", "other.org"]),
    ]);

    [Theory]
    [InlineData("example.com", 2)]
    [InlineData("EXAMPLE.COM", 2)]
    [InlineData("a.example.com", 2)]
    [InlineData("b.example.com", 3)]
    [InlineData("a.b.example.com", 3)]
    [InlineData("A.B.Example.Com", 3)]
    [InlineData("ab.example.com", 2)]
    [InlineData("badexample.com", 1)]
    [InlineData("example.com.evil.net", 1)]
    [InlineData("com", 1)]
    [InlineData("other.org", 3)]
    [InlineData("x.other.org", 3)]
    [InlineData("another.org", 1)]
    [InlineData("example.com.", 2)]
    [InlineData("", 1)]
    public void A_domain_goes_to_the_group_naming_its_longest_suffix_on_a_dot_boundary(string domain, int group) =>
        Assert.Equal(group, Tree.Resolve(domain));

    [Fact]
    public void Without_a_group_of_empty_include_domains_an_unnamed_domain_has_no_group()
    {
        var tree = DomainTree.Of([Instances.Of("only", 5, 1, domains: ["example.com"])]);

        Assert.Equal(5, tree.Resolve("x.example.com"));
        Assert.Null(tree.Resolve("example.org"));
    }
}
