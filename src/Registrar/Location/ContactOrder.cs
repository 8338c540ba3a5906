namespace ClusterSip.Registrar.Location;

/// <summary>
/// Kamailio's t_load_contacts / t_next_contacts: the bindings of a lookup in groups by q, highest first; a group's
/// contacts ring in parallel, the next group only after every branch of the one before failed.
/// </summary>
public static class ContactOrder
{
    public static IReadOnlyList<IReadOnlyList<Binding>> Groups(IEnumerable<Binding> bindings) =>
        bindings
            .GroupBy(b => b.Priority)
            .OrderByDescending(g => g.Key)
            .Select(g => (IReadOnlyList<Binding>)g.ToList())
            .ToList();
}
