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

/* Marks a declaration of a public header that is for the library itself (securebase::detail):
 * never exported, even between SECUREBASE_API_BEGIN and SECUREBASE_API_END. */
#if (defined(__GNUC__) || defined(__clang__)) && !defined(_WIN32)
#define SECUREBASE_HIDDEN __attribute__((visibility("hidden")))
#else
#define SECUREBASE_HIDDEN
#endif

/* The public C++ headers put their declarations between SECUREBASE_API_BEGIN and
 * SECUREBASE_API_END: everything declared there is exported, like a SECUREBASE_API on each
 * declaration. Template instances of std, nlohmann and Eigen are kept out by the linker's version
 * script (cmake/securebase.map); securebase::detail is SECUREBASE_HIDDEN. */
#if (defined(__GNUC__) || defined(__clang__)) && !defined(_WIN32)
#define SECUREBASE_API_BEGIN _Pragma("GCC visibility push(default)")
#define SECUREBASE_API_END _Pragma("GCC visibility pop")
#else
#define SECUREBASE_API_BEGIN
#define SECUREBASE_API_END
#endif

#endif /* SECUREBASE_EXPORT_H */
