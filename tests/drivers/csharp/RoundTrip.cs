// Round-trip driver for the generated C# package: decodes a JSON file as one of
// the generated model types with System.Text.Json, re-encodes it and writes it.
//   dotnet RoundTrip.dll <Package.dll> <TypeName> <file.json>   prints the re-encoded JSON
//   dotnet RoundTrip.dll <Package.dll> --batch                  stdin: TYPE<TAB>IN<TAB>OUT per line
// The options are the client's own (AiServerClient.SerializerOptions' defaults).
using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using System.Text.Json;

public static class RoundTrip
{
    static readonly JsonSerializerOptions Options = new JsonSerializerOptions { WriteIndented = true };

    static string Encode(Assembly package, string type, string file)
    {
        var model = package.GetTypes().SingleOrDefault(t => t.Name == type && t.Namespace != null && t.Namespace.EndsWith(".Models", StringComparison.Ordinal))
            ?? throw new ArgumentException($"no model type {type} in {package.GetName().Name}");
        var value = JsonSerializer.Deserialize(File.ReadAllBytes(file), model, Options)
            ?? throw new JsonException("the document is null");
        return JsonSerializer.Serialize(value, model, Options) + "\n";
    }

    public static int Main(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: RoundTrip <Package.dll> <TypeName> <file.json> | RoundTrip <Package.dll> --batch");
            return 2;
        }
        var package = AssemblyLoadContext.Default.LoadFromAssemblyPath(Path.GetFullPath(args[0]));
        if (args.Length == 2 && args[1] == "--batch")
        {
            var failed = 0;
            string? line;
            while ((line = Console.In.ReadLine()) != null)
            {
                if (line.Trim().Length == 0)
                    continue;
                var parts = line.Split('\t');
                try
                {
                    File.WriteAllText(parts[2], Encode(package, parts[0], parts[1]), new UTF8Encoding(false));
                }
                catch (Exception e) when (e is JsonException || e is ArgumentException || e is IOException || e is NotSupportedException || e is InvalidOperationException)
                {
                    failed++;
                    Console.Error.WriteLine($"{parts[0]} {parts[1]}: {e.GetType().Name}: {e.Message}");
                }
            }
            return failed == 0 ? 0 : 1;
        }
        if (args.Length != 3)
        {
            Console.Error.WriteLine("usage: RoundTrip <Package.dll> <TypeName> <file.json>");
            return 2;
        }
        try
        {
            using var stdout = Console.OpenStandardOutput();
            var bytes = new UTF8Encoding(false).GetBytes(Encode(package, args[1], args[2]));
            stdout.Write(bytes, 0, bytes.Length);
            return 0;
        }
        catch (Exception e) when (e is JsonException || e is ArgumentException || e is IOException || e is NotSupportedException || e is InvalidOperationException)
        {
            Console.Error.WriteLine($"error: {e.GetType().Name}: {e.Message}");
            return 1;
        }
    }
}
