namespace Platform.Improvement.Domain;

/// <summary>Where a change idea stands in the network's learning (domain.md section 8).</summary>
public enum ChangeIdeaStatus { Idea, Testing, Adopted, Adapted, Abandoned, Spreading }
