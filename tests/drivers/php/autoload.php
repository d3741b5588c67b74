<?php

// What every PHP driver starts with: warnings and notices as exceptions, and
// a tiny PSR-4 autoloader for a generated package, read from its
// composer.json (so no `composer install` is needed). Returns the package's
// namespace prefix, e.g. `AiServer\Client\`.

declare(strict_types=1);

error_reporting(E_ALL);
set_error_handler(static function (int $severity, string $message, string $file, int $line): bool {
    throw new ErrorException($message, 0, $severity, $file, $line);
});

return (static function (string $package): string {
    $composer = json_decode((string) file_get_contents("{$package}/composer.json"), true, 512, JSON_THROW_ON_ERROR);
    $map = $composer['autoload']['psr-4'] ?? [];
    if (count($map) !== 1) {
        throw new RuntimeException("{$package}/composer.json: expected one PSR-4 prefix");
    }
    $prefix = (string) array_key_first($map);
    $dir = rtrim("{$package}/" . $map[$prefix], '/');
    spl_autoload_register(static function (string $class) use ($prefix, $dir): void {
        if (!str_starts_with($class, $prefix)) {
            return;
        }
        $file = $dir . '/' . str_replace('\\', '/', substr($class, strlen($prefix))) . '.php';
        if (is_file($file)) {
            require $file;
        }
    });
    return $prefix;
})($GLOBALS['argv'][1] ?? getenv('DTOGEN_PHP_PACKAGE') ?: '.');
