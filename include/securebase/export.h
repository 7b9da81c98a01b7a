/* securebase: the export macro. Only what carries SECUREBASE_API is visible outside the shared
 * library, which is built with -fvisibility=hidden (docs/embedding.md, abi/symbols.txt). */
#ifndef SECUREBASE_EXPORT_H
#define SECUREBASE_EXPORT_H

#if defined(SECUREBASE_STATIC_DEFINE)
#define SECUREBASE_API
#elif defined(_WIN32)
#if defined(SECUREBASE_BUILDING)
#define SECUREBASE_API __declspec(dllexport)
#else
#define SECUREBASE_API __declspec(dllimport)
#endif
#elif defined(__GNUC__) || defined(__clang__)
#define SECUREBASE_API __attribute__((visibility("default")))
#else
#define SECUREBASE_API
#endif

#endif /* SECUREBASE_EXPORT_H */
