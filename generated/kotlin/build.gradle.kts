import org.jetbrains.kotlin.gradle.dsl.JvmTarget

plugins {
    kotlin("jvm") version "2.4.20"
    kotlin("plugin.serialization") version "2.4.20"
    `maven-publish`
}

group = "aiserverclient"
version = "0.1.0"
description = "The AI Server chat API: queued and synchronous OpenAI-compatible chat completions."

repositories {
    mavenCentral()
}

dependencies {
    // The DTOs expose JsonElement and the configured Json instance.
    api("org.jetbrains.kotlinx:kotlinx-serialization-json:1.12.0")
    implementation("org.jetbrains.kotlinx:kotlinx-coroutines-core:1.11.0")
}

java {
    sourceCompatibility = JavaVersion.VERSION_17
    targetCompatibility = JavaVersion.VERSION_17
    withSourcesJar()
    withJavadocJar()
}

kotlin {
    compilerOptions {
        jvmTarget.set(JvmTarget.JVM_17)
    }
}

publishing {
    publications {
        create<MavenPublication>("maven") {
            artifactId = "ai-server-client"
            from(components["java"])
            pom {
                name.set("AI Server")
                description.set("The AI Server chat API: queued and synchronous OpenAI-compatible chat completions.")
                licenses {
                    license {
                        name.set("MIT")
                        url.set("https://spdx.org/licenses/MIT.html")
                    }
                }
                developers {
                    developer {
                        name.set("The dtogen authors")
                    }
                }
            }
        }
    }
}
