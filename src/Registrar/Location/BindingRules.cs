using ClusterSip.Sip.Uris;

namespace ClusterSip.Registrar.Location;

/// <summary>
/// RFC 3261 10.3 steps 7-8 on one address-of-record's bindings: each Contact adds, refreshes or removes its binding
/// (matched by +sip.instance and reg-id, RFC 5626, else by URI comparison), all of them or none.
/// </summary>
public static class BindingRules
{
    public static RegisterOutcome Apply(IReadOnlyList<Binding> current, RegisterCommand command, RegistrarPolicy policy, DateTimeOffset now)
    {
        var (live, expired) = Expire(current, now);
        var bindings = live.ToList();
        var changes = expired.Select(b => new BindingChange(BindingChangeKind.Expired, b)).ToList();
        if (command.RemoveAll)
        {
            foreach (var binding in bindings)
            {
                if (IsOutOfOrder(binding, command))
                {
                    return OutOfOrder();
                }

                changes.Add(new BindingChange(BindingChangeKind.Removed, binding));
            }

            return RegisterOutcome.Ok([], changes.ToArray());
        }

        foreach (var contact in command.Contacts)
        {
            if (contact.Expires > 0 && contact.Expires < policy.MinExpires)
            {
                return RegisterOutcome.Reject(423, "Interval Too Brief", policy.MinExpires);
            }

            var index = bindings.FindIndex(b => Matches(b, contact));
            if (index >= 0 && IsOutOfOrder(bindings[index], command))
            {
                return OutOfOrder();
            }

            if (contact.Expires == 0)
            {
                if (index >= 0)
                {
                    changes.Add(new BindingChange(BindingChangeKind.Removed, bindings[index]));
                    bindings.RemoveAt(index);
                }

                continue;
            }

            var binding = new Binding(
                contact.Uri,
                contact.Contact,
                now.AddSeconds(Math.Min(contact.Expires, policy.MaxExpires)),
                contact.Q,
                command.CallId,
                command.CSeq,
                command.Path,
                command.Received,
                command.UserAgent,
                contact.InstanceId,
                contact.RegId,
                command.Node);
            if (index >= 0)
            {
                bindings[index] = binding;
                changes.Add(new BindingChange(BindingChangeKind.Refreshed, binding));
            }
            else
            {
                bindings.Add(binding);
                changes.Add(new BindingChange(BindingChangeKind.Added, binding));
            }
        }

        if (policy.MaxContacts > 0 && bindings.Count > policy.MaxContacts && bindings.Count > live.Length)
        {
            return RegisterOutcome.Reject(503, "Too Many Registered Contacts");
        }

        return RegisterOutcome.Ok(bindings.ToArray(), changes.ToArray());
    }

    /// <summary>The bindings that are past their expiry at <paramref name="now"/>, and those that remain.</summary>
    public static (Binding[] Remaining, Binding[] Expired) Expire(IReadOnlyList<Binding> current, DateTimeOffset now) =>
        (current.Where(b => b.ExpiresAt > now).ToArray(), current.Where(b => b.ExpiresAt <= now).ToArray());

    private static bool Matches(Binding binding, ContactRequest contact) =>
        contact.InstanceId is not null && binding.InstanceId is not null
            ? binding.InstanceId == contact.InstanceId && binding.RegId == contact.RegId
            : AnyUri.Parse(binding.Uri).Equals(AnyUri.Parse(contact.Uri));

    // RFC 3261 10.3 step 7: the same Call-ID needs a higher CSeq, else the update is aborted and the request fails.
    private static bool IsOutOfOrder(Binding binding, RegisterCommand command) =>
        binding.CallId == command.CallId && command.CSeq <= binding.CSeq;

    private static RegisterOutcome OutOfOrder() => RegisterOutcome.Reject(400, "Invalid CSeq number");
}
