namespace ClusterSip.Sip.Presence;

/// <summary>
/// Composes the documents of several publishers of one presentity into the document watchers get: tuples are kept
/// per id, and where two publishers send the same tuple id the one published last wins; presentity notes are merged.
/// </summary>
public static class PidfComposer
{
    /// <param name="publications">The publishers' documents, oldest publication first.</param>
    public static PidfDocument Compose(string entity, IEnumerable<PidfDocument> publications)
    {
        var tuples = new List<PidfTuple>();
        var notes = new List<PidfNote>();
        foreach (var publication in publications)
        {
            foreach (var tuple in publication.Tuples)
            {
                var existing = tuples.FindIndex(t => t.Id == tuple.Id);
                if (existing >= 0)
                {
                    tuples[existing] = tuple;
                }
                else
                {
                    tuples.Add(tuple);
                }
            }

            notes.AddRange(publication.Notes.Where(n => !notes.Contains(n)));
        }

        return new PidfDocument(entity, tuples, notes);
    }
}
