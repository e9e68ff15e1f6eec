namespace Platform.Local;

public static class RepositoryRoot
{
    /// <summary>The folder holding platform.sln, found upward from <paramref name="start"/> (default: this program's folder).</summary>
    public static string Find(string? start = null)
    {
        for (var dir = new DirectoryInfo(start ?? AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "platform.sln"))) return dir.FullName;
        throw new InvalidOperationException("platform.sln not found above " + (start ?? AppContext.BaseDirectory));
    }
}
