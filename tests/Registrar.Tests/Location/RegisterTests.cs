using ClusterSip.Registrar.Location;
using ClusterSip.Sip.Headers;

namespace ClusterSip.Registrar.Tests.Location;

public sealed class RegisterTests
{
    private readonly RegistrarHarness _registrar = new();

    [Fact]
    public void A_new_contact_is_bound_and_listed_with_its_expiry()
    {
        var response = _registrar.Register("<sip:alice@192.0.2.10:5060>;expires=600", 1);

        Assert.Equal(200, response.StatusCode);
        var contact = Assert.Single(response.Contacts);
        Assert.Equal("sip:alice@192.0.2.10:5060", contact.Uri!.ToString());
        Assert.Equal(600, contact.Expires);
        Assert.NotNull(response.Headers.Get(HeaderNames.Date));
        var binding = Assert.Single(_registrar.Bindings);
        Assert.Equal(("udp:192.0.2.10:5060", "node-a", "reg-1", 1u), (binding.Received, binding.Node, binding.CallId, binding.CSeq));
        Assert.Equal(BindingChangeKind.Added, Assert.Single(_registrar.LastOutcome!.Changes).Kind);
    }

    [Fact]
    public void The_expires_parameter_wins_over_the_header_which_wins_over_the_default()
    {
        _registrar.Register("<sip:a@192.0.2.10>;expires=120", 1, lines: "Expires: 300");
        _registrar.Register("<sip:b@192.0.2.10>", 2, lines: "Expires: 300");
        var response = _registrar.Register("<sip:c@192.0.2.10>", 3);

        Assert.Equal([120, 300, 3600], response.Contacts.Select(c => c.Expires!.Value));
    }

    [Fact]
    public void A_refresh_with_a_higher_cseq_updates_the_binding_and_the_200_counts_down()
    {
        _registrar.Register("<sip:alice@192.0.2.10>;expires=600", 1);
        _registrar.Now = _registrar.Now.AddSeconds(100);
        Assert.Equal(500, _registrar.Send(Requests.Register(cseq: 2)).Contacts.Single().Expires);

        var response = _registrar.Register("<sip:alice@192.0.2.10>;expires=900;q=0.5", 3);
        var contact = Assert.Single(response.Contacts);
        Assert.Equal((900, 0.5), (contact.Expires!.Value, contact.Q!.Value));
        Assert.Equal(BindingChangeKind.Refreshed, Assert.Single(_registrar.LastOutcome!.Changes).Kind);
    }

    [Fact]
    public void A_register_without_contacts_is_a_query_that_changes_nothing()
    {
        _registrar.Register("<sip:alice@192.0.2.10>", 1);
        var response = _registrar.Send(Requests.Register(cseq: 2));
        Assert.Single(response.Contacts);
        Assert.Empty(_registrar.LastOutcome!.Changes);
        Assert.Equal(1u, _registrar.Bindings.Single().CSeq);
    }

    [Fact]
    public void Expires_zero_removes_one_binding()
    {
        _registrar.Register("<sip:a@192.0.2.10>, <sip:b@192.0.2.10>", 1);
        var response = _registrar.Register("<sip:a@192.0.2.10>;expires=0", 2);
        Assert.Equal("sip:b@192.0.2.10", Assert.Single(response.Contacts).Uri!.ToString());
        Assert.Equal(BindingChangeKind.Removed, Assert.Single(_registrar.LastOutcome!.Changes).Kind);
    }

    [Fact]
    public void Contacts_are_matched_by_uri_comparison_rules()
    {
        _registrar.Register("<sip:alice@EXAMPLE.org:5060;transport=udp>", 1);
        _registrar.Register("<sip:alice@example.org:5060;Transport=UDP>;expires=0", 2);
        Assert.Empty(_registrar.Bindings);
    }

    [Fact]
    public void Wildcard_with_expires_zero_removes_every_binding()
    {
        _registrar.Register("<sip:a@192.0.2.10>, <sip:b@192.0.2.10>", 1);
        _registrar.Register("<sip:c@192.0.2.11>", 1, callId: "other");
        var response = _registrar.Register("*", 2, lines: "Expires: 0");
        Assert.Equal(200, response.StatusCode);
        Assert.Empty(response.Contacts);
        Assert.Empty(_registrar.Bindings);
        Assert.Equal(3, _registrar.LastOutcome!.Changes.Length);
    }

    [Theory]
    [InlineData("*, <sip:a@192.0.2.10>", "Expires: 0")]
    [InlineData("*", "Expires: 60")]
    [InlineData("*")]
    public void Wildcard_with_other_contacts_or_nonzero_expiry_gets_400(string contact, params string[] lines)
    {
        _registrar.Register("<sip:a@192.0.2.10>", 1);
        Assert.Equal(400, _registrar.Register(contact, 2, lines: lines).StatusCode);
        Assert.Single(_registrar.Bindings);
    }

    [Fact]
    public void An_expiry_below_min_expires_gets_423_with_min_expires()
    {
        var response = _registrar.Register("<sip:a@192.0.2.10>;expires=30", 1);
        Assert.Equal(423, response.StatusCode);
        Assert.Equal("60", response.Headers.Get(HeaderNames.MinExpires));
        Assert.Empty(_registrar.Bindings);
    }

    [Fact]
    public void An_expiry_above_max_expires_is_shortened() =>
        Assert.Equal(3600, _registrar.Register("<sip:a@192.0.2.10>;expires=86400", 1).Contacts.Single().Expires);

    [Fact]
    public void More_bindings_than_max_contacts_are_refused_and_nothing_changes()
    {
        var registrar = new RegistrarHarness(RegistrarHarness.DefaultPolicy with { MaxContacts = 2 });
        registrar.Register("<sip:a@192.0.2.10>, <sip:b@192.0.2.10>", 1);
        Assert.Equal(503, registrar.Register("<sip:c@192.0.2.10>", 2).StatusCode);
        Assert.Equal(200, registrar.Register("<sip:a@192.0.2.10>;expires=0, <sip:c@192.0.2.10>", 3).StatusCode);
        Assert.Equal(["sip:b@192.0.2.10", "sip:c@192.0.2.10"], registrar.Bindings.Select(b => b.Uri));
    }

    [Theory]
    [InlineData(1u)]
    [InlineData(5u)]
    public void A_cseq_not_higher_for_the_same_call_id_fails_the_whole_request(uint cseq)
    {
        _registrar.Register("<sip:a@192.0.2.10>", 5);
        var response = _registrar.Register("<sip:b@192.0.2.10>, <sip:a@192.0.2.10>;expires=0", cseq);
        Assert.Equal(400, response.StatusCode);
        Assert.Equal("Invalid CSeq number", response.ReasonPhrase);
        Assert.Equal("sip:a@192.0.2.10", Assert.Single(_registrar.Bindings).Uri);
    }

    [Fact]
    public void Another_call_id_updates_the_binding_whatever_its_cseq()
    {
        _registrar.Register("<sip:a@192.0.2.10>", 5);
        Assert.Equal(200, _registrar.Register("<sip:a@192.0.2.10>;expires=0", 1, callId: "new-call-id").StatusCode);
        Assert.Empty(_registrar.Bindings);
    }

    [Fact]
    public void A_wildcard_with_an_older_cseq_removes_nothing()
    {
        _registrar.Register("<sip:a@192.0.2.10>", 5);
        Assert.Equal(400, _registrar.Register("*", 4, lines: "Expires: 0").StatusCode);
        Assert.Single(_registrar.Bindings);
    }

    [Fact]
    public void The_same_instance_and_reg_id_replaces_the_binding_of_another_contact_uri()
    {
        const string instance = "+sip.instance=\"<urn:uuid:00000000-0000-1000-8000-AABBCCDDEEFF>\"";
        _registrar.Register($"<sip:alice@192.0.2.10:5060>;{instance};reg-id=1", 1);
        _registrar.Register($"<sip:alice@192.0.2.10:5062>;{instance};reg-id=2", 2);
        var response = _registrar.Register($"<sip:alice@198.51.100.7:40000>;{instance};reg-id=1", 1, callId: "after-reboot");

        Assert.Equal(2, response.Contacts.Count);
        Assert.Equal(["sip:alice@198.51.100.7:40000", "sip:alice@192.0.2.10:5062"], _registrar.Bindings.Select(b => b.Uri));
        var replaced = _registrar.Bindings[0];
        Assert.Equal(("<urn:uuid:00000000-0000-1000-8000-AABBCCDDEEFF>", 1), (replaced.InstanceId, replaced.RegId!.Value));
        Assert.Equal(BindingChangeKind.Refreshed, Assert.Single(_registrar.LastOutcome!.Changes).Kind);
    }

    [Fact]
    public void Path_is_stored_and_echoed_only_when_the_ua_supports_path()
    {
        var path = "Path: <sip:edge1.example.com;lr>, <sip:edge2.example.com;lr>";
        var without = _registrar.Register("<sip:a@192.0.2.10>", 1, lines: path);
        Assert.Null(without.Headers.Get("Path"));
        Assert.Equal(["<sip:edge1.example.com;lr>", "<sip:edge2.example.com;lr>"], _registrar.Bindings.Single().Path);

        var with = _registrar.Register("<sip:a@192.0.2.10>", 2, lines: [path, "Supported: path"]);
        Assert.Equal(["<sip:edge1.example.com;lr>", "<sip:edge2.example.com;lr>"], with.Headers.GetValues("Path"));
    }

    [Fact]
    public void Bindings_past_their_expiry_are_not_listed()
    {
        _registrar.Register("<sip:a@192.0.2.10>;expires=60, <sip:b@192.0.2.10>;expires=600", 1);
        _registrar.Now = _registrar.Now.AddSeconds(61);
        var response = _registrar.Send(Requests.Register(cseq: 2));
        Assert.Equal("sip:b@192.0.2.10", Assert.Single(response.Contacts).Uri!.ToString());
        Assert.Equal(BindingChangeKind.Expired, Assert.Single(_registrar.LastOutcome!.Changes).Kind);
    }

    [Fact]
    public void A_to_outside_the_served_domains_gets_404_and_binds_nothing()
    {
        var response = _registrar.Register("<sip:a@192.0.2.10>", 1, aor: "sip:alice@elsewhere.net");
        Assert.Equal(404, response.StatusCode);
        Assert.Empty(_registrar.Bindings);
    }

    [Fact]
    public void The_address_of_record_is_canonical()
    {
        var (command, _) = RegisterReader.Read(
            Requests.Register("sip:alice@EXAMPLE.com:5060;transport=udp", lines: "Contact: <sip:a@192.0.2.10>"), RegistrarHarness.DefaultPolicy, null, "n");
        Assert.Equal("sip:alice@example.com", command!.Aor);
    }

    [Theory]
    [InlineData("<sip:a@192.0.2.10>;expires=soon")]
    [InlineData("<sip:a@192.0.2.10>;expires=-1")]
    [InlineData("<sip:a@192.0.2.10>;q=2")]
    [InlineData("<sip:a@192.0.2.10>;q=high")]
    [InlineData("<sip:a@192.0.2.10")]
    [InlineData("sip:a@192.0.2.10 garbage")]
    [InlineData("<sip:a@192.0.2.10>;+sip.instance=\"<urn:uuid:1>\";reg-id=zero")]
    public void A_bad_contact_gets_400_and_binds_nothing(string contact)
    {
        var response = _registrar.Register(contact, 1);
        Assert.Equal(400, response.StatusCode);
        Assert.Empty(_registrar.Bindings);
    }

    [Theory]
    [InlineData("Expires: never")]
    [InlineData("Expires: -5")]
    [InlineData("Expires: ")]
    [InlineData("Path: <sip:edge;lr")]
    public void A_bad_expires_or_path_gets_400_and_binds_nothing(string line)
    {
        var response = _registrar.Register("<sip:a@192.0.2.10>", 1, lines: line);
        Assert.Equal(400, response.StatusCode);
        Assert.Empty(_registrar.Bindings);
    }
}
